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
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BiasCommandTest {

    /**
     * With --noise the study compares with the exact meta-gradient of the noisy game: an exact configuration is
     * still unbiased, its exact vector differs from the noiseless one, and the configuration echoes the noise.
     */
    @Test
    void noiseStudiesTheNoisyGame() {
        String[] args = {"bias", "--horizon", "20", "--k", "1", "--estimator", "exact", "--samples", "2", "--points",
            "1", "--json"};
        JsonNode plain = CommandRun.of(args).json();
        String[] noisyArgs = Arrays.copyOf(args, args.length + 2);
        noisyArgs[args.length] = "--noise";
        noisyArgs[args.length + 1] = "0.2";
        CommandRun run = CommandRun.of(noisyArgs);
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        JsonNode noisy = run.json();
        assertEquals(0.2, noisy.at("/manifest/configuration/noise").asDouble(), 0.0);
        assertEquals(0.0, noisy.at("/rows/0/biasNorm/mean").asDouble(), 1e-12);
        assertTrue(Math.abs(noisy.at("/rows/0/exact/0").asDouble() - plain.at("/rows/0/exact/0").asDouble()) > 1e-6,
                "the noisy game's meta-gradient should differ from the noiseless one");
    }

    @Test
    void rowsCarryTheDocumentedFieldsAndAnExactConfigurationIsUnbiased(@TempDir Path dir) throws Exception {
        CommandRun run = CommandRun.of("bias", "--horizon", "20", "--k", "1,2", "--estimator", "exact,dice",
                "--batch", "16,32", "--samples", "20", "--points", "1", "--json", "--csv",
                dir.resolve("bias.csv").toString(), "--plot", dir.resolve("plots").toString());
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        JsonNode json = run.json();
        assertEquals("opshape-bias/1", json.at("/manifest/schema").asText());
        assertEquals(20, json.at("/manifest/configuration/horizon").asInt());
        assertEquals(2 * 2 * 2, json.get("rows").size());
        for (JsonNode row : json.get("rows")) {
            for (String field : new String[] {"exact", "mean", "biasNorm", "variance", "mse", "cosine", "corr"}) {
                assertTrue(row.has(field), field);
            }
            assertTrue(row.at("/biasNorm/ciLow").isNumber());
            if (row.get("estimator").asText().equals("exact")) {
                assertEquals(0.0, row.at("/biasNorm/mean").asDouble(), 1e-12);
                assertEquals(1.0, row.at("/corr/mean").asDouble(), 1e-12);
            }
        }
        assertEquals(4 + 1 + 8, Files.readAllLines(dir.resolve("bias.csv")).size());
        for (String name : new String[] {"bias-vs-batch.png", "bias-vs-k.svg"}) {
            assertTrue(Files.size(dir.resolve("plots").resolve(name)) > 1000, name);
        }
    }

    /** --theory: the five theory fields on rows with a sampled on-policy lookahead, none at K = 0, columns in text. */
    @Test
    void theoryAddsBoundAndPredictionColumns(@TempDir Path dir) throws Exception {
        String[] args = {"bias", "--horizon", "20", "--k", "0,1", "--estimator", "dice,dice:inner=exact",
            "--batch", "16", "--samples", "10", "--points", "1", "--theory", "--quiet"};
        CommandRun run = CommandRun.of(concat(args, "--json", "--csv", dir.resolve("bias.csv").toString()));
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        for (JsonNode row : run.json().get("rows")) {
            JsonNode theory = row.get("theory");
            if (row.get("k").asInt() == 0) {
                assertTrue(theory == null, row::toString);
                continue;
            }
            for (String field : new String[] {"bound", "prediction", "sigmaIn", "c2", "lipschitz"}) {
                assertTrue(theory.get(field).isNumber(), row::toString);
            }
            boolean exactLookahead = row.get("estimator").asText().contains("inner=exact");
            assertEquals(exactLookahead, theory.get("bound").asDouble() == 0.0, row::toString);
            assertTrue(theory.get("c2").asDouble() > 0, row::toString);
        }
        assertTrue(Files.readAllLines(dir.resolve("bias.csv")).stream().anyMatch(l -> l.endsWith(",lipschitz")));
        CommandRun text = CommandRun.of(args);
        assertTrue(text.out().contains("bound") && text.out().contains("pred"), text::toString);
    }

    /** --warm-path: the points carry their path's iterates; a pre-filled buffer is then drawn along it. */
    @Test
    void warmPathMovesThePointsAndKeepsTheirHistory() {
        String[] args = {"bias", "--horizon", "20", "--k", "1", "--estimator", "dice:offpolicy=64:prefill=3",
            "--batch", "16", "--samples", "4", "--theta1=0,0,0,0,0", "--theta2=0,0,0,0,0", "--quiet", "--json"};
        JsonNode cold = CommandRun.of(args).json();
        JsonNode warm = CommandRun.of(concat(args, "--warm-path", "5")).json();
        JsonNode point = warm.get("manifest").get("configuration").get("points").get(0);
        assertEquals(5, point.get("history").size(), point::toString);
        assertTrue(cold.get("manifest").get("configuration").get("points").get(0).get("history") == null);
        assertTrue(point.get("theta1").get(0).asDouble() != 0.0, point::toString);
        assertTrue(warm.get("rows").get(0).get("effectiveSampleSize").asDouble() < 64);
        assertEquals(64.0, cold.get("rows").get(0).get("effectiveSampleSize").asDouble(), 1e-9);
        for (String bad : new String[] {"0", "100001"}) {
            CommandRun run = CommandRun.of(concat(args, "--warm-path", bad));
            assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run::toString);
            run.assertOneErrorLine();
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void decomposeAddsTheAblationVariants() {
        CommandRun run = CommandRun.of("bias", "--horizon", "10", "--estimator", "dice", "--batch", "8",
                "--samples", "10", "--points", "1", "--decompose", "--json");
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        assertEquals(3, run.json().get("rows").size());
        assertEquals(1, run.json().get("decomposition").size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--estimator=magic          | estimator 'magic': est=magic is not one of exact, dice, lvc, maml, loaded",
        "--estimator=dice:foo=1     | key 'foo' is not one of",
        "--estimator=dice::lvc      | '' is not key=value",
        "--k=-1                     | -1 is outside 0..1000",
        "--k=x                      | 'x' is not a whole number",
        "--batch=0                  | 0 is outside",
        "--eta=nan                  | NaN is not allowed",
        "--samples=1                | at least 2 estimates",
        "--agent=3                  | 3 is not 1 or 2",
        "--theta1=0,0,0,0,0         | needs both --theta1 and --theta2",
        "--points=0                 | 0 is outside 1..65536",
        "--threads=0                | --threads",
        "--noise=1.5                | outside [0, 1]"})
    void badInputIsOneLineAndExitTwo(String option, String message) {
        CommandRun run = CommandRun.of("bias", option);
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run::toString);
        run.assertOneErrorLine();
        assertTrue(run.err().contains(message), run::toString);
    }

    /** Sizes whose memory cannot fit the heap are bad input before any work starts, naming the option. */
    @Test
    void sizesThatCannotFitTheHeapAreRefusedBeforeWork() {
        CommandRun run = CommandRun.of("bias", "--horizon", "1000000", "--batch", "2048", "--samples", "2", "--points",
                "1");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run::toString);
        run.assertOneErrorLine();
        assertTrue(run.err().contains("option '--batch'") && run.err().contains("MB heap, -Xmx"), run::toString);
    }
}
