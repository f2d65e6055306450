package dev.opshape.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opshape.cli.CommandRun;
import dev.opshape.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvolveCommandTest {

    private static final String[] GAME = {"--game", "axelrod-pd", "--gamma", "1", "--horizon", "200", "--steps", "0",
        "--repeats", "1"};

    private static String[] args(String... more) {
        String[] all = new String[1 + GAME.length + more.length];
        all[0] = "evolve";
        System.arraycopy(GAME, 0, all, 1, GAME.length);
        System.arraycopy(more, 0, all, 1 + GAME.length, more.length);
        return all;
    }

    /**
     * TFT against ALLD over 200 moves (per move 3, 0.995, 1.02, 1): the JSON's fixation probability of one TFT in
     * a population of ALLD is the closed form 1 / (1 + sum_k prod_{m <= k} g_m / f_m), recomputed here from those
     * four payoffs, and the rare-mutation shares are rho_12 / (rho_12 + rho_21).
     */
    @Test
    void fixationAndSharesOfTitForTatAndAlwaysDefect() {
        CommandRun run = CommandRun.of(args("--agents", "tft,alld", "--population", "20", "--w", "0.3", "--json"));
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        JsonNode json = run.json();
        double[][] a = {{3, 0.995}, {1.02, 1}};
        int n = 20;
        double w = 0.3;
        double sum = 1;
        double product = 1;
        for (int m = 1; m < n; m++) {
            double f = 1 - w + w * (a[0][0] * (m - 1) + a[0][1] * (n - m)) / (n - 1);
            double g = 1 - w + w * (a[1][0] * m + a[1][1] * (n - m - 1)) / (n - 1);
            product *= g / f;
            sum += product;
        }
        double rho12 = 1 / sum;
        assertEquals(rho12, json.at("/moran/fixation/0/1").asDouble(), 1e-12);
        double rho21 = json.at("/moran/fixation/1/0").asDouble();
        assertEquals(rho12 / (rho12 + rho21), json.at("/moran/rareMutation/0").asDouble(), 1e-12);
        assertEquals(0.05, json.at("/moran/neutral").asDouble(), 0.0);
        assertEquals("opshape-evolve/1", json.at("/manifest/schema").asText());
        assertEquals(0.3, json.at("/manifest/configuration/w").asDouble(), 0.0);
        // Replicator rest points of a bistable 2 x 2 game: the two vertices are stable, the mixed point is not.
        assertEquals(3, json.at("/replicator/restPoints").size());
        assertEquals("unstable", json.at("/replicator/restPoints/2/stability").asText());
    }

    @Test
    void aSavedTournamentGivesTheSameDynamics(@TempDir Path dir) throws Exception {
        CommandRun tournament = CommandRun.of("tournament", "--game", "axelrod-pd", "--gamma", "1", "--horizon", "200",
                "--steps", "0", "--repeats", "1", "--agents", "tft,alld,wsls", "--json");
        assertEquals(ExitCode.OK, tournament.exitCode(), tournament::toString);
        Path file = dir.resolve("t.json");
        Files.writeString(file, tournament.out(), StandardCharsets.UTF_8);
        JsonNode saved = CommandRun.of("evolve", "--tournament", file.toString(), "--w", "0.5", "--json").json();
        JsonNode played = CommandRun.of(args("--agents", "tft,alld,wsls", "--w", "0.5", "--json")).json();
        for (String field : List.of("types", "payoff", "moran", "replicator")) {
            assertEquals(played.get(field), saved.get(field), field);
        }
    }

    @Test
    void writesCsvAndPlotsAndSimulatesWhenAsked(@TempDir Path dir) throws Exception {
        CommandRun run = CommandRun.of(args("--agents", "tft,alld,wsls", "--w", "0.5", "--mutation", "0.05",
                "--generations", "2000", "--replicates", "4", "--trials", "200", "--csv", dir.resolve("csv").toString(),
                "--plot", dir.resolve("plots").toString(), "--json"));
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        JsonNode json = run.json();
        assertEquals(3, json.at("/moran/simulated").size());
        assertTrue(json.at("/moran/simulatedFixation/0/1/ciHigh").asDouble()
                >= json.at("/moran/simulatedFixation/0/1/ciLow").asDouble());
        for (String name : List.of("types.csv", "fixation.csv", "rest-points.csv", "trajectory.csv")) {
            assertTrue(Files.readString(dir.resolve("csv").resolve(name)).startsWith("# opshape"), name);
        }
        for (String name : List.of("fixation.png", "fixation.svg", "replicator.png", "replicator.svg")) {
            assertTrue(Files.size(dir.resolve("plots").resolve(name)) > 1000, name);
        }
        CommandRun text = CommandRun.of(args("--agents", "tft,alld,wsls", "--w", "0.5"));
        assertTrue(text.out().contains("replicator rest points: "), text::toString);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--population=1             | 1 is outside [2, 1000000]",
        "--w=2                      | it must be in [0, 1] for the linear fitness map",
        "--fitness=quadratic        | 'quadratic' is not linear or exponential",
        "--mutation=2               | 2.0 is outside [0, 1]",
        "--trials=1                 | give 0 (no simulation) or at least 2",
        "--start=0.5,0.6            | the shares sum to 1.1",
        "--start=1                  | has 1 shares; this population has 2 types",
        "--dynamics=chaotic         | 'chaotic' is not continuous or discrete",
        "--tournament=/nonexistent  | --tournament",
        "--time=0                   | 0.0 is outside (0, 1000000]",
        "--trials=100000000         | steps; at most 2000000000 (lower --trials or --population)"})
    void badInputIsOneLineAndExitTwo(String option, String message) {
        CommandRun run = CommandRun.of(args("--agents", "tft,alld", option));
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run::toString);
        run.assertOneErrorLine();
        assertTrue(run.err().contains(message), run::toString);
    }

    @Test
    void aFileThatIsNotATournamentIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("game.json");
        Files.writeString(file, "{\"actions1\":[\"C\",\"D\"],\"payoffs1\":[[3,0],[5,1]]}");
        CommandRun run = CommandRun.of("evolve", "--tournament", file.toString());
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("is not an opshape tournament document"), run::toString);
        CommandRun discrete = CommandRun.of("evolve", "--game", "ipd", "--steps", "0", "--repeats", "1", "--agents",
                "tft,alld", "--dynamics", "discrete");
        assertEquals(ExitCode.BAD_INPUT, discrete.exitCode(), discrete::toString);
        assertTrue(discrete.err().contains("needs positive payoffs"), discrete::toString);
    }
}
