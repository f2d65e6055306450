package dev.opshape.cli.command;

import dev.opshape.cli.CommandRun;
import dev.opshape.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job scripts of {@code opshape slurm}: their Slurm directives, and their work, run here as the plain shell
 * scripts they also are (each array task with its SLURM_ARRAY_TASK_ID, then the merge): the merged output equals the
 * unsharded command's, byte for byte. (Submitting them to a real Slurm cluster is not tested here.)
 */
class SlurmCommandTest {

    @Test
    void theScriptsPlayTheShardsAndMergeThemIntoTheWholeOutput(@TempDir Path dir) throws Exception {
        String[] tournament = {"tournament", "--agents", "nl,tft,alld", "--steps", "4", "--repeats", "2", "--json"};
        String[] slurm = new String[6 + tournament.length];
        System.arraycopy(new String[] {"slurm", "--shards", "3", "--dir", dir.toString(), "--"}, 0, slurm, 0, 6);
        System.arraycopy(tournament, 0, slurm, 6, tournament.length);
        CommandRun written = CommandRun.of(slurm);
        assertEquals(ExitCode.OK, written.exitCode(), written::toString);
        String array = Files.readString(dir.resolve("shards.sbatch"));
        assertTrue(array.contains("#SBATCH --array=1-3") && array.contains("--shard \"${SLURM_ARRAY_TASK_ID}/3\""),
                array);
        for (int task = 1; task <= 3; task++) {
            ProcessBuilder pb = new ProcessBuilder("bash", dir.resolve("shards.sbatch").toString())
                    .redirectErrorStream(true);
            pb.environment().put("SLURM_ARRAY_TASK_ID", Integer.toString(task));
            Process p = pb.start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), log);
        }
        Process merge = new ProcessBuilder("bash", dir.resolve("merge.sbatch").toString()).redirectErrorStream(true)
                .start();
        String log = new String(merge.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, merge.waitFor(), log);
        CommandRun whole = CommandRun.of(tournament);
        assertEquals(whole.out(), Files.readString(dir.resolve("merged.out"), StandardCharsets.UTF_8));
    }

    @Test
    void badRequestsAreOneLineAndExitTwo(@TempDir Path dir) {
        String[][] cases = {
            {"slurm", "--shards", "0", "--dir", dir.toString(), "--", "tournament"},
            {"slurm", "--shards", "2", "--dir", dir.toString(), "--", "exact"},
            {"slurm", "--shards", "2", "--partition", "a b", "--dir", dir.toString(), "--", "train"},
            {"slurm", "--shards", "2", "--dir", dir.toString(), "--", "tournament", "--bogus"},
            {"slurm", "--shards", "2", "--dir", dir.toString(), "--", "train", "--shard", "1/2"}};
        String[] messages = {"0 is outside 1..10000", "'exact' cannot be sharded; give tournament, train or bias", "holds characters",
            "--bogus", "without --shard and --out"};
        for (int k = 0; k < cases.length; k++) {
            CommandRun run = CommandRun.of(cases[k]);
            assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run::toString);
            run.assertOneErrorLine();
            assertTrue(run.err().contains(messages[k]), run::toString);
        }
    }
}
