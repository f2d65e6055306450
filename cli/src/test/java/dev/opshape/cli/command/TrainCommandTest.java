package dev.opshape.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opshape.cli.CommandRun;
import dev.opshape.cli.ExitCode;
import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.ProgressListener;
import dev.opshape.shaping.estimator.EstimatorSpec;
import dev.opshape.shaping.learner.TaylorLola;
import dev.opshape.shaping.training.Initialisation;
import dev.opshape.shaping.training.Optimizer;
import dev.opshape.shaping.training.RunResult;
import dev.opshape.shaping.training.Trainer;
import dev.opshape.shaping.training.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainCommandTest {

    @Test
    void jsonRunsMatchTheTrainerAndTheSummaryIsTheirMeanAndSd() {
        CommandRun run = CommandRun.of("train", "--agent1", "lola-taylor", "--agent2", "lola-taylor", "--runs", "4",
                "--steps", "50", "--seed", "7", "--json");
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        JsonNode json = run.json();
        assertEquals("opshape-train/1", json.at("/manifest/schema").asText());
        assertEquals(7, json.at("/manifest/configuration/seed").asLong());
        TaylorLola rule = new TaylorLola(1.0, false, EstimatorSpec.EXACT);
        TrainingConfig config = new TrainingConfig(IteratedGame.infinite(BuiltInGames.IPD, 0.96), rule, rule, 50,
                1.0, Optimizer.Kind.SGD, new Initialisation.Normal(1.0), null, null, 4, 7);
        double sum = 0;
        for (int r = 0; r < 4; r++) {
            RunResult expected = Trainer.run(config, r, ProgressListener.NONE);
            JsonNode f = json.at("/runs/" + r + "/final");
            assertEquals(expected.outcome().avgReward1(), f.get("avgReward1").asDouble(), 0.0);
            assertEquals(expected.outcome().pCoop2(), f.get("pCoop2").asDouble(), 0.0);
            assertEquals(expected.theta1()[3], f.at("/theta1/3").asDouble(), 0.0);
            assertEquals(expected.outcome().label().display(), f.get("label").asText());
            sum += expected.outcome().avgReward1();
        }
        assertEquals(sum / 4, json.at("/summary/avgReward1/mean").asDouble(), 1e-12);
    }

    @Test
    void writesCurvesAndPlot(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("curve.csv");
        Path png = dir.resolve("curve.png");
        CommandRun run = CommandRun.of("train", "--agent1", "nl", "--agent2", "tft", "--steps", "10", "--runs", "2",
                "--csv", csv.toString(), "--plot", png.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("# opshape"), lines.get(0));
        assertTrue(lines.get(2).startsWith("# jvm ") && lines.get(3).startsWith("# seed "), lines::toString);
        assertEquals("run,update,avgReward1,avgReward2,pCoop1,pCoop2", lines.get(4));
        assertEquals(5 + 2 * 11, lines.size());
        assertTrue(Files.size(png) > 1000);
    }

    /**
     * With --noise e, TFT against ALLD (fixed strategies, nothing learns) earns the closed form of the noisy game:
     * P(C) of TFT's executed move is 1 - e at move 0 and e + (1 - 2e) e later, ALLD's is e, and agent 1's IPD
     * reward is -2 + 2 P(other C) - P(own C); the average over a discounted infinite horizon weights move 0 by
     * 1 - gamma.
     */
    /** --compare-exact: per-update agreement in JSON and CSV, the summary its mean, the runs unchanged. */
    @Test
    void compareExactRecordsTheAgreementAndChangesNothing(@TempDir Path dir) throws Exception {
        String[] args = {"train", "--agent1", "lola:est=dice:batch=16:horizon=20", "--agent2", "nl", "--steps", "5",
            "--runs", "2", "--json"};
        Path csv = dir.resolve("c.csv");
        JsonNode plain = CommandRun.of(args).json();
        JsonNode compared = CommandRun.of(concat(args, "--compare-exact", "--csv", csv.toString())).json();
        assertTrue(plain.at("/runs/0/agreement").isMissingNode());
        assertTrue(plain.at("/summary/agreement").isMissingNode());
        assertEquals(plain.at("/runs/1/final"), compared.at("/runs/1/final"));
        JsonNode corr = compared.at("/runs/0/agreement/corr1");
        assertEquals(5, corr.size());
        double sum = 0;
        for (int r = 0; r < 2; r++) {
            for (JsonNode v : compared.at("/runs/" + r + "/agreement/corr1")) {
                assertTrue(v.asDouble() > -1 && v.asDouble() < 1, v::toString);
                sum += v.asDouble();
            }
            // Agent 2 (nl, exact) samples nothing.
            assertEquals("NaN", compared.at("/runs/" + r + "/agreement/corr2/0").asText());
        }
        assertEquals(sum / 10, compared.at("/summary/agreement/corr1").asDouble(), 1e-12);
        List<String> lines = Files.readAllLines(csv).stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals("run,update,avgReward1,avgReward2,pCoop1,pCoop2,corr1,corr2,cosine1,cosine2", lines.get(0));
        assertTrue(lines.get(1).endsWith(",,,,"), lines.get(1));
        assertEquals(corr.get(0).asDouble(), Double.parseDouble(lines.get(2).split(",")[6]), 0.0);
    }

    @Test
    void noiseGivesTheNoisyGamesClosedForm() {
        CommandRun run = CommandRun.of("train", "--agent1", "tft", "--agent2", "alld", "--steps", "0", "--noise",
                "0.1", "--json");
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        JsonNode json = run.json();
        double e = 0.1;
        double g = 0.96;
        double expected = (1 - g) * (-2 + 2 * e - (1 - e)) + g * (-2 + 2 * e - (e + (1 - 2 * e) * e));
        assertEquals(expected, json.at("/runs/0/final/avgReward1").asDouble(), 1e-12);
        assertEquals(0.1, json.at("/manifest/configuration/noise").asDouble(), 0.0);
    }

    @Test
    void resultsDoNotDependOnThreads() {
        String[] args = {"train", "--agent1", "lola:est=dice:batch=16:horizon=20", "--agent2", "nl", "--steps", "5",
            "--runs", "3", "--json"};
        CommandRun one = CommandRun.of(concat(args, "--threads", "1"));
        CommandRun two = CommandRun.of(concat(args, "--threads", "2"));
        assertEquals(ExitCode.OK, one.exitCode(), one::toString);
        assertEquals(one.out(), two.out());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--agent1=foo                 | unknown agent 'foo'",
        "--agent1=lola:k=x            | k=x is not an integer",
        "--agent2=lola:est=magic      | est=magic is not one of exact, dice, lvc, maml, loaded",
        "--agent1=tft:g=1             | tft takes no keys",
        "--steps=-1                   | --steps",
        "--lr=0                       | --lr",
        "--lr=nan                     | NaN is not allowed",
        "--optimizer=rmsprop          | 'rmsprop' is not sgd or adam",
        "--init=uniform               | 'uniform' is not zeros or normal:SIGMA",
        "--runs=0                     | --runs",
        "--threads=0                  | --threads",
        "--theta1=1,2                 | 2 logits given",
        "--plot=curve.gif             | must end in .png or .svg",
        "--gamma=1                    | 1.0 needs a finite --horizon",
        "--gamma=1.2                  | outside [0, 1]",
        "--noise=1.5                  | outside [0, 1]",
        "--noise=abc                  | the noise must be in [0, 1]"})
    void badInputIsOneLineAndExitTwo(String option, String message) {
        CommandRun run = CommandRun.of("train", option);
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run::toString);
        run.assertOneErrorLine();
        assertTrue(run.err().contains(message), run::toString);
    }

    @Test
    void aDivergingRunExitsThreeWithOneLine() {
        CommandRun run = CommandRun.of("train", "--agent1", "nl", "--agent2", "nl", "--lr", "1e308", "--steps", "5");
        assertEquals(ExitCode.RUN_FAILED, run.exitCode(), run::toString);
        run.assertOneErrorLine();
        assertTrue(run.err().contains("diverged at update"), run::toString);
        assertFalse(run.err().contains("internal error"));
    }

    /** Sizes whose memory cannot fit the heap are bad input before any work starts, naming the option. */
    @Test
    void sizesThatCannotFitTheHeapAreRefusedBeforeWork() {
        CommandRun run = CommandRun.of("train", "--runs", "65536", "--steps", "16777215");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run::toString);
        run.assertOneErrorLine();
        assertTrue(run.err().contains("option '--steps'") && run.err().contains("MB heap, -Xmx"), run::toString);
    }
}
