package dev.opshape.cli.command;

import dev.opshape.cli.CommandRun;
import dev.opshape.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sharded tournaments and training experiments: for N = 1, 2, 3 and 7 shards given to {@code opshape merge} in shuffled order, the merged
 * output is byte for byte what the unsharded command prints (JSON and text), with a sampled learner in the roster
 * (its random streams are keyed by the run, not by the shard); and every kind of bad shard set is refused with one
 * line and exit 2, nothing printed.
 */
class TournamentShardTest {

    private static final String[] TOURNAMENT = {"tournament", "--agents", "nl,lola:est=dice:batch=8:horizon=10,tft,"
        + "alld,sga", "--steps", "8", "--repeats", "3"};

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static List<String> shardFiles(Path dir, String[] args, int n) {
        List<String> files = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Path file = dir.resolve("shard-" + n + "-" + i + ".json");
            CommandRun run = CommandRun.of(with(args, "--shard", i + "/" + n, "--out", file.toString(), "-q"));
            assertEquals(ExitCode.OK, run.exitCode(), run::toString);
            files.add(file.toString());
        }
        return files;
    }

    @Test
    void mergedShardsPrintExactlyWhatTheWholeTournamentPrints(@TempDir Path dir) {
        Random shuffle = new Random(4);
        for (String[] format : List.of(new String[] {"--json"}, new String[0])) {
            String[] args = with(TOURNAMENT, format);
            CommandRun whole = CommandRun.of(args);
            assertEquals(ExitCode.OK, whole.exitCode(), whole::toString);
            for (int n : new int[] {1, 2, 3, 7}) {
                List<String> files = shardFiles(dir, args, n);
                Collections.shuffle(files, shuffle);
                List<String> merge = new ArrayList<>(List.of("merge"));
                merge.addAll(files);
                CommandRun merged = CommandRun.of(merge.toArray(String[]::new));
                assertEquals(ExitCode.OK, merged.exitCode(), merged::toString);
                assertEquals(whole.out(), merged.out(), n + " shards, " + (format.length == 0 ? "text" : "json"));
            }
        }
    }

    /**
     * A bias study with a replaying configuration and --theory, merged from shards, byte for byte (JSON and text), and
     * a missing or edited shard refused with one line.
     */
    @Test
    void mergedBiasShardsPrintExactlyWhatTheWholeStudyPrints(@TempDir Path dir) throws Exception {
        Random shuffle = new Random(12);
        for (String[] format : List.of(new String[] {"--json"}, new String[0])) {
            String[] args = with(new String[] {"bias", "--horizon", "10", "--k", "1,2", "--estimator",
                "dice,dice:offpolicy=32:prefill=2", "--batch", "8", "--samples", "12", "--points", "3", "--theory"},
                format);
            CommandRun whole = CommandRun.of(args);
            assertEquals(ExitCode.OK, whole.exitCode(), whole::toString);
            for (int n : new int[] {1, 2, 5, 12, 13}) {
                List<String> files = shardFiles(dir, args, n);
                Collections.shuffle(files, shuffle);
                List<String> merge = new ArrayList<>(List.of("merge"));
                merge.addAll(files);
                CommandRun merged = CommandRun.of(merge.toArray(String[]::new));
                assertEquals(ExitCode.OK, merged.exitCode(), merged::toString);
                assertEquals(whole.out(), merged.out(), n + " shards, " + (format.length == 0 ? "text" : "json"));
                if (n == 5) {
                    CommandRun missing = CommandRun.of("merge", files.get(0), files.get(1));
                    assertEquals(ExitCode.BAD_INPUT, missing.exitCode(), missing::toString);
                    missing.assertOneErrorLine();
                    Path edited = dir.resolve("edited.json");
                    java.nio.file.Files.writeString(edited, java.nio.file.Files.readString(Path.of(files.get(0)))
                            .replaceFirst("\"samples\":12", "\"samples\":13"));
                    List<String> tampered = new ArrayList<>(List.of("merge", edited.toString()));
                    tampered.addAll(files.subList(1, files.size()));
                    CommandRun bad = CommandRun.of(tampered.toArray(String[]::new));
                    assertEquals(ExitCode.BAD_INPUT, bad.exitCode(), bad::toString);
                    bad.assertOneErrorLine();
                }
            }
        }
    }

    /** A training experiment with a sampled learner and --compare-exact, merged from shards, byte for byte. */
    @Test
    void mergedTrainingShardsPrintExactlyWhatTheWholeExperimentPrints(@TempDir Path dir) {
        String[] args = {"train", "--agent1", "lola:est=dice:batch=8:horizon=10", "--agent2", "nl", "--runs", "7",
            "--steps", "6", "--compare-exact", "--json"};
        CommandRun whole = CommandRun.of(args);
        assertEquals(ExitCode.OK, whole.exitCode(), whole::toString);
        Random shuffle = new Random(8);
        for (int n : new int[] {1, 2, 3, 7}) {
            List<String> files = shardFiles(dir, args, n);
            Collections.shuffle(files, shuffle);
            List<String> merge = new ArrayList<>(List.of("merge"));
            merge.addAll(files);
            CommandRun merged = CommandRun.of(merge.toArray(String[]::new));
            assertEquals(ExitCode.OK, merged.exitCode(), merged::toString);
            assertEquals(whole.out(), merged.out(), n + " training shards");
        }
        List<String> two = shardFiles(dir, args, 2);
        Path other = dir.resolve("tournament");
        other.toFile().mkdirs();
        CommandRun mixed = CommandRun.of("merge", two.get(0), shardFiles(other, TOURNAMENT, 2).get(1));
        assertEquals(ExitCode.BAD_INPUT, mixed.exitCode(), mixed::toString);
        mixed.assertOneErrorLine();
    }

    @Test
    void badShardSetsAreOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        for (String shard : List.of("0/3", "4/3", "1/0", "x/2", "1/2/3")) {
            CommandRun run = CommandRun.of(with(TOURNAMENT, "--shard", shard, "--out", dir.resolve("x.json")
                    .toString()));
            assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run::toString);
            run.assertOneErrorLine();
            assertTrue(run.err().contains("'" + shard + "' is not I/N"), run::toString);
        }
        List<String> three = shardFiles(dir, TOURNAMENT, 3);
        List<String> other = shardFiles(dir, with(TOURNAMENT, "--seed", "1"), 2);
        Path truncated = dir.resolve("truncated.json");
        Files.writeString(truncated, Files.readString(Path.of(three.get(1))).substring(0, 500));
        Path edited = dir.resolve("edited.json");
        Files.writeString(edited, Files.readString(Path.of(three.get(1)), StandardCharsets.UTF_8)
                .replaceFirst("\"value1\":-", "\"value1\":-1"));
        List<List<String>> cases = List.of(
                List.of(three.get(0), three.get(1)),
                List.of(three.get(0), three.get(0), three.get(1), three.get(2)),
                List.of(three.get(0), other.get(1), three.get(2)),
                List.of(three.get(0), truncated.toString(), three.get(2)),
                List.of(three.get(0), edited.toString(), three.get(2)),
                List.of(three.get(0), dir.resolve("nowhere.json").toString()));
        List<String> messages = List.of("shard 3 of 3 is missing", "is given twice", "belongs to another study",
                "is not a shard file", "does not match its checksum", "no such file");
        for (int k = 0; k < cases.size(); k++) {
            List<String> merge = new ArrayList<>(List.of("merge"));
            merge.addAll(cases.get(k));
            CommandRun run = CommandRun.of(merge.toArray(String[]::new));
            assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run::toString);
            run.assertOneErrorLine();
            assertTrue(run.err().contains(messages.get(k)), run::toString);
            assertEquals("", run.out());
        }
        CommandRun outWithoutShard = CommandRun.of(with(TOURNAMENT, "--out", dir.resolve("y.json").toString()));
        assertEquals(ExitCode.BAD_INPUT, outWithoutShard.exitCode());
        assertFalse(Files.exists(dir.resolve("y.json")));
    }
}
