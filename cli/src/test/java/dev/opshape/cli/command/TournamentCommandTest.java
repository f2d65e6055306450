package dev.opshape.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opshape.cli.CommandRun;
import dev.opshape.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TournamentCommandTest {

    private static final String[] SMALL = {"tournament", "--agents", "nl,lola:est=dice:batch=8:horizon=10,tft,alld",
        "--steps", "20", "--repeats", "3", "--seed", "5", "--json"};

    private static String[] with(String... more) {
        String[] all = java.util.Arrays.copyOf(SMALL, SMALL.length + more.length);
        System.arraycopy(more, 0, all, SMALL.length, more.length);
        return all;
    }

    @Test
    void jsonIsByteIdenticalForOneAndTwoThreads() {
        CommandRun one = CommandRun.of(with("--threads", "1"));
        CommandRun two = CommandRun.of(with("--threads=2"));
        assertEquals(ExitCode.OK, one.exitCode(), one::toString);
        assertEquals(one.out(), two.out());
    }

    @Test
    void jsonHasStandingsMatrixAndManifest() {
        CommandRun run = CommandRun.of(SMALL);
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        JsonNode json = run.json();
        assertEquals("opshape-tournament/1", json.at("/manifest/schema").asText());
        assertTrue(json.at("/manifest/jvm").asText().contains(System.getProperty("java.version")));
        assertEquals(5, json.at("/manifest/seed").asLong());
        assertEquals(5, json.at("/manifest/configuration/seed").asLong());
        assertEquals(4, json.get("standings").size());
        JsonNode first = json.at("/standings/0");
        assertEquals(1, first.get("rank").asInt());
        assertTrue(first.get("ciLow").asDouble() <= first.get("mean").asDouble());
        assertTrue(first.get("mean").asDouble() <= first.get("ciHigh").asDouble());
        assertEquals(4, json.at("/matrix/agents").size());
        // TFT against ALLD: first move CD, then DD forever: (1 - gamma)(-3) + gamma (-2) = -2.04 at gamma 0.96.
        assertEquals(-2.04, json.at("/matrix/mean/2/3").asDouble(), 1e-12);
        assertEquals(-1.92, json.at("/matrix/mean/3/2").asDouble(), 1e-12);
        assertEquals(10, json.get("pairings").size());
        assertEquals(1.0, json.at("/manifest/configuration/eta").asDouble(), 0.0);
    }

    @Test
    void theManifestRecordsTheCommandLinesEta() {
        CommandRun run = CommandRun.of(with("--eta", "0.25"));
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        assertTrue(run.json().at("/manifest/configuration/eta").isNumber(), run::toString);
        assertEquals(0.25, run.json().at("/manifest/configuration/eta").asDouble(), 0.0);
    }

    /**
     * Axelrod's own expectations for this tournament (axelrod/tests/unit/test_resultset.py, TestResultSet: Alternator,
     * Tit For Tat, Defector; 5 turns; 3 repetitions; no self-interactions), through the command line.
     */
    @Test
    void axelrodsResultSetThroughTheCommandLine() {
        CommandRun run = CommandRun.of("tournament", "--game", "axelrod-pd", "--gamma", "1", "--horizon", "5",
                "--agents", "alt=alternator,tit-for-tat,alld", "--steps", "0", "--repeats", "3", "--rank", "median",
                "--self-play", "exclude", "--json");
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        JsonNode json = run.json();
        assertEquals("median", json.at("/manifest/configuration/rank").asText());
        assertEquals(false, json.at("/manifest/configuration/selfPlay").asBoolean());
        assertEquals("alternator", json.at("/manifest/configuration/specs/0").asText());
        String[] ranked = {"alld", "tit-for-tat", "alt"};
        double[] medians = {(17.0 / 5 + 9.0 / 5) / 2, (13.0 / 5 + 4.0 / 5) / 2, 1.5};
        double[] eigenmoses = {0.5057828909101213, 0.7311328098872432, -0.4578520302117101};
        for (int k = 0; k < 3; k++) {
            JsonNode row = json.at("/standings/" + k);
            assertEquals(ranked[k], row.get("agent").asText(), row::toString);
            assertEquals(medians[k], row.get("median").asDouble(), 1e-12);
            assertEquals(eigenmoses[k], row.get("eigenmoses").asDouble(), 1e-12);
        }
        assertEquals(6, json.at("/standings/0/matchWins").asInt());
        assertEquals(0.4, json.at("/standings/1/cooperatingRating").asDouble(), 1e-12);
        assertEquals(26.0, json.at("/analysis/scores/2/1").asDouble(), 1e-12);
        assertEquals(0.8, json.at("/analysis/stateDistribution/1/2/3").asDouble(), 1e-12);
        assertEquals("alt", json.at("/matrix/agents/0").asText());
        assertEquals("alt", json.at("/pairings/1/player1").asText());
    }

    /** An @file's arguments are expanded in the manifest; every CSV file records the JVM and the seed. */
    @Test
    void argumentFilesAreExpandedAndCsvHeadersRecordJvmAndSeed(@TempDir Path dir) throws Exception {
        Path args = dir.resolve("args.txt");
        Files.writeString(args, "--steps\n2\n--repeats\n1\n--seed\n9\n");
        Path csv = dir.resolve("csv");
        CommandRun run = CommandRun.of("tournament", "@" + args, "--agents", "tft,nl", "--csv", csv.toString(),
                "--json");
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        assertEquals("--steps", run.json().at("/manifest/args/1").asText());
        for (String name : List.of("runs.csv", "standings.csv", "scores.csv")) {
            List<String> lines = Files.readAllLines(csv.resolve(name));
            assertTrue(lines.get(1).startsWith("# opshape tournament --steps 2 --repeats 1 --seed 9"), name + lines);
            assertTrue(lines.get(2).startsWith("# jvm ") && lines.get(3).equals("# seed 9"), name + lines);
        }
    }

    @Test
    void writesCsvFilesAndPlots(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("csv");
        Path plots = dir.resolve("plots");
        CommandRun run = CommandRun.of(with("--csv", csv.toString(), "--plot", plots.toString()));
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        List<String> runs = Files.readAllLines(csv.resolve("runs.csv"));
        assertEquals(4 + 1 + 10 * 3, runs.size(), "tool, command line, jvm and seed comments, the header, the runs");
        assertTrue(!Files.exists(plots.resolve("curves-3.png")), "fixed strategies have no learning curves");
        assertTrue(runs.get(0).startsWith("# opshape"));
        for (String name : List.of("standings.csv", "pairings.csv", "matrix.csv")) {
            assertTrue(Files.exists(csv.resolve(name)), name);
        }
        List<String> scores = Files.readAllLines(csv.resolve("scores.csv"));
        assertTrue(scores.contains("agent,repetition,normalisedScore,score,wins"), scores::toString);
        assertEquals(4 * 3, scores.stream().filter(l -> !l.startsWith("#")).count() - 1);
        List<String> pairs = Files.readAllLines(csv.resolve("pairs.csv"));
        assertTrue(pairs.contains("row,column,cooperation,scoreDifference,goodPartner,CC,CD,DC,DD"),
                pairs::toString);
        for (String name : List.of("payoffs.png", "payoffs.svg", "standings.png", "standings.svg",
                "score-differences.png", "cooperation.svg", "scores.png", "wins.svg", "payoff-sd.png",
                "curves-1.png", "curves-2.svg", "score-violins.png")) {
            assertTrue(Files.size(plots.resolve(name)) > 1000, name);
        }
    }

    /**
     * With --noise the exact learners and fixed strategies play the noisy game: TFT against ALLD no longer scores
     * the noiseless -2.04, the JSON echoes the noise.
     */
    @Test
    void noiseChangesTheOutcomeOfExactAgents() {
        String[] plain = {"tournament", "--agents", "nl,lola,tft,alld", "--steps", "5", "--repeats", "2", "--json"};
        String[] noisy = java.util.Arrays.copyOf(plain, plain.length + 2);
        noisy[plain.length] = "--noise";
        noisy[plain.length + 1] = "0.1";
        CommandRun without = CommandRun.of(plain);
        CommandRun with = CommandRun.of(noisy);
        assertEquals(ExitCode.OK, with.exitCode(), with::toString);
        JsonNode json = with.json();
        assertEquals(0.1, json.at("/manifest/configuration/noise").asDouble(), 0.0);
        assertEquals(-2.04, without.json().at("/matrix/mean/2/3").asDouble(), 1e-12);
        // TFT vs ALLD with noise e (see TournamentNoiseTest): P(C) of TFT's executed move is 1 - e at move 0 and
        // e + (1 - 2e) e later, ALLD's is e, and agent 1's IPD reward is -2 + 2 P(other C) - P(own C).
        double e = 0.1;
        double g = 0.96;
        double expected = (1 - g) * (-2 + 2 * e - (1 - e)) + g * (-2 + 2 * e - (e + (1 - 2 * e) * e));
        assertEquals(expected, json.at("/matrix/mean/2/3").asDouble(), 1e-12);
    }

    /**
     * The default roster, sampled agents (est=dice, est=lvc) included, plays a noisy tournament (a short one here:
     * two updates, one repetition), and so does the small roster.
     */
    @Test
    void noiseWithTheDefaultRosterRuns() {
        for (String[] args : List.of(new String[] {"tournament", "--noise", "0.05", "--steps", "2", "--repeats", "1",
            "--json"}, with("--noise=0.1"))) {
            CommandRun run = CommandRun.of(args);
            assertEquals(ExitCode.OK, run.exitCode(), run::toString);
            JsonNode json = run.json();
            assertTrue(json.at("/manifest/configuration/noise").asDouble() > 0, run::toString);
            JsonNode agents = json.at("/manifest/configuration/specs");
            boolean sampled = false;
            for (JsonNode agent : agents) {
                sampled |= agent.asText().contains("est=dice");
            }
            assertTrue(sampled, agents::toString);
            for (JsonNode standing : json.get("standings")) {
                assertTrue(Double.isFinite(standing.get("mean").asDouble()), standing::toString);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--agents=nl,,tft          | empty spec",
        "--agents=nl,bogus         | unknown agent 'bogus'",
        "--agents=nl,lola:k=x      | k=x is not an integer",
        "--agents=nl,nl            | nl",
        "--agents=tft,nl           | --game=rps",
        "--repeats=0               | repetition",
        "--steps=-5                | steps",
        "--threads=0               | --threads",
        "--optimizer=x             | 'x' is not sgd or adam",
        "--noise=2                 | 2.0 is outside [0, 1]",
        "--agents=tft,TFT          | on the roster twice (names are compared without case)",
        "--agents=nl:batch=4,tft   | batch=4 applies to sampled parts only",
        "--gamma=1                 | 1.0 needs a finite --horizon",
        "--noise=-1                | -1.0 is outside [0, 1]",
        "--noise=abc               | 'abc' is not a number",
        "--rank=mode               | 'mode' is not mean or median",
        "--self-play=maybe         | 'maybe' is not include or exclude",
        "--agents==tft,nl          | the short name '' must be letters",
        "--agents=a=tft,a=alld     | agent 'a' is on the roster twice",
        "--agents=x=               | empty spec"})
    void badRostersAndValuesAreOneLineAndExitTwo(String option, String message) {
        String[] args = option.startsWith("--agents=tft")
                ? new String[] {"tournament", option, "--game=rps"}
                : new String[] {"tournament", option};
        CommandRun run = CommandRun.of(args);
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run::toString);
        run.assertOneErrorLine();
        if (!message.startsWith("--game")) {
            assertTrue(run.err().contains(message), run::toString);
        }
    }
}
