package dev.opshape.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opshape.cli.CommandRun;
import dev.opshape.cli.ExitCode;
import dev.opshape.tabular.mdp.MdpWriter;
import dev.opshape.tabular.mdp.RandomMdps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetaBiasCommandTest {

    private static final String SMALL = "random:states=6:actions=3";

    @Test
    void rowsAndSummariesCarryTheDocumentedFields(@TempDir Path dir) throws Exception {
        CommandRun run = CommandRun.of("meta-bias", "--mdp", SMALL, "--mdps", "2", "--horizon", "10",
                "--estimator", "lvc,maml", "--parts", "lee,eel,eee", "--batch", "2,4", "--samples", "4", "--lr", "3",
                "--json", "--quiet", "--csv", dir.resolve("m.csv").toString(), "--plot",
                dir.resolve("plots").toString());
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        JsonNode json = run.json();
        assertEquals("opshape-meta-bias/1", json.at("/manifest/schema").asText());
        assertEquals(0, json.at("/manifest/seed").asLong());
        assertEquals(10, json.at("/manifest/configuration/horizon").asInt());
        assertEquals(2 * 2 * 3 * 2, json.get("rows").size());
        assertEquals(2 * 3 * 2, json.get("summary").size());
        for (JsonNode row : json.get("rows")) {
            for (String field : new String[] {"algorithm", "estimator", "parts", "k", "lr", "batch", "hessianBias",
                "mdp", "exact", "mean", "corr", "squaredBias", "variance", "mse", "sdSum", "gradMse", "cosine"}) {
                assertTrue(row.has(field), field);
            }
            assertEquals(18, row.get("exact").size());
            if (row.get("parts").asText().equals("eee")) {
                assertEquals(0.0, row.at("/variance/mean").asDouble(), 1e-20);
                assertEquals(1.0, row.at("/corr/mean").asDouble(), 1e-12);
            }
        }
        assertEquals(4 + 1 + 24, Files.readAllLines(dir.resolve("m.csv")).size());
        for (String name : new String[] {"meta-bias-vs-batch-lee.png", "meta-corr-vs-batch-eel.svg"}) {
            assertTrue(Files.size(dir.resolve("plots").resolve(name)) > 1000, name);
        }
    }

    /** MDP i and its estimates are the same whatever the number of MDPs and threads. */
    @Test
    void mdpIndexAndThreadsDoNotChangeResults() {
        String[] base = {"meta-bias", "--mdp", SMALL, "--horizon", "8", "--estimator", "dice", "--parts", "lll",
            "--samples", "3", "--json", "--quiet"};
        JsonNode one = CommandRun.of(concat(base, "--mdps", "1", "--threads", "1")).json();
        JsonNode two = CommandRun.of(concat(base, "--mdps", "3", "--threads", "2")).json();
        assertEquals(one.at("/rows/0/exact"), two.at("/rows/0/exact"));
        assertEquals(one.at("/rows/0/mean"), two.at("/rows/0/mean"));
        CommandRun a = CommandRun.of(concat(base, "--mdps", "3", "--threads", "1"));
        CommandRun b = CommandRun.of(concat(base, "--mdps", "3", "--threads", "2"));
        assertEquals(a.out(), b.out(), "JSON must be byte-identical across thread counts");
    }

    @Test
    void readsAnMdpFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("small.json");
        Files.writeString(file, MdpWriter.toJson(new RandomMdps(4, 2, 0.5, 0, 1, 0).draw(9L, 0)));
        CommandRun run = CommandRun.of("meta-bias", "--mdp", file.toString(), "--horizon", "5", "--estimator",
                "maml", "--parts", "ele", "--samples", "3", "--json", "--quiet");
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        assertEquals(1, run.json().get("rows").size());
        // Two actions: one sigmoid logit per state.
        assertEquals(4, run.json().at("/rows/0/exact").size());
    }

    /** LIRPG: the meta-gradient is over the intrinsic reward, one entry per state and action. */
    @Test
    void lirpgEstimatesTheIntrinsicRewardsMetaGradient() {
        CommandRun run = CommandRun.of("meta-bias", "--algorithm", "lirpg", "--mdp", SMALL, "--horizon", "6",
                "--k", "2", "--estimator", "maml,lvc", "--parts", "ele", "--samples", "3", "--mdps", "2", "--json",
                "--quiet");
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        JsonNode rows = run.json().get("rows");
        assertEquals(4, rows.size());
        assertEquals("lirpg", rows.get(0).get("algorithm").asText());
        assertEquals(6 * 3, rows.get(0).get("exact").size());
        CommandRun refused = CommandRun.of("meta-bias", "--algorithm", "lirpg", "--hessian-bias", "1");
        assertEquals(ExitCode.BAD_INPUT, refused.exitCode(), refused::toString);
        refused.assertOneErrorLine();
        assertTrue(refused.err().contains("lirpg takes 0 only"), refused::toString);
    }

    /** The paper's noisy value baseline: same exact meta-gradient, other estimates (the error enters them). */
    @Test
    void noisyBaselineEntersTheEstimates() {
        CommandRun run = CommandRun.of("meta-bias", "--mdp", SMALL, "--horizon", "6", "--estimator",
                "lvc,lvc:baseline=noisy:noise=2", "--parts", "ell", "--samples", "3", "--mdps", "1", "--json",
                "--quiet");
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        JsonNode rows = run.json().get("rows");
        assertEquals(2, rows.size());
        assertEquals("lvc:baseline=noisy:noise=2", rows.get(1).get("estimator").asText());
        assertEquals(rows.get(0).get("exact"), rows.get(1).get("exact"));
        assertNotEquals(rows.get(0).get("mean"), rows.get(1).get("mean"));
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--algorithm=reptile              | 'reptile' is not one of maml, lirpg",
        "--estimator=magic                | 'magic' is not one of dice, lvc, maml, loaded",
        "--estimator=exact                | estimator 'exact' samples nothing",
        "--estimator=dice:horizon=5       | key horizon= is not allowed here",
        "--estimator=lvc:baseline=oracle  | baseline=oracle is not one of none, mean, learned, exact",
        "--parts=lxe                      | 'lxe' is not one of lee, ele, eel, lle, lel, ell, lll, eee or all",
        "--mdp=random:states=1            | states=1 must be at least 2",
        "--mdp=random:states=2000:actions=5 | 2000 states; at most 1024",
        "--estimator=dice:noise=1         | it needs baseline=noisy",
        "--estimator=lvc:baseline=noisy:noise=-1 | noise=-1 is not a number in [0, inf)",
        "--mdp=random:actions=1           | actions=1 must be at least 2",
        "--mdp=random:concentration=0     | concentration=0 must be a finite number > 0",
        "--mdp=random:size=3              | unknown key 'size'",
        "--mdp=/no/such/file.json         | is neither random",
        "--mdps=0                         | 0 is outside 1..65536",
        "--gamma=1.5                      | 1.5 is outside [0, 1]",
        "--horizon=0                      | 0 is outside 1..100000",
        "--k=-1                           | -1 is outside 0..1000",
        "--lr=nan                         | NaN is not allowed",
        "--batch=0                        | 0 is outside 1..1048576",
        "--samples=1                      | at least 2 estimates",
        "--hessian-bias=inf               | --hessian-bias",
        "--threads=0                      | --threads"})
    void badInputIsOneLineAndExitTwo(String option, String message) {
        CommandRun run = CommandRun.of("meta-bias", option);
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run::toString);
        run.assertOneErrorLine();
        assertTrue(run.err().contains(message), run::toString);
    }

    @Test
    void aMalformedMdpFileIsOneLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"states\": 3}");
        CommandRun run = CommandRun.of("meta-bias", "--mdp", file.toString());
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run::toString);
        run.assertOneErrorLine();
        assertTrue(run.err().contains("bad.json"), run::toString);
    }

    @Test
    void limitsAreCheckedBeforeWork() {
        CommandRun run = CommandRun.of("meta-bias", "--samples", "16777216", "--mdps", "65536", "--batch", "1");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("estimates"), run::toString);
    }

    /** A batch whose estimators cannot fit the heap is bad input before any work starts, naming --batch. */
    @Test
    void batchesThatCannotFitTheHeapAreRefusedBeforeWork() {
        CommandRun run = CommandRun.of("meta-bias", "--batch", "1000000", "--horizon", "2000", "--samples", "2");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run::toString);
        run.assertOneErrorLine();
        assertTrue(run.err().contains("option '--batch'") && run.err().contains("MB heap, -Xmx"), run::toString);
    }
}
