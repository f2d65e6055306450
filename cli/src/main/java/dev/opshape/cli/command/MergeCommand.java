package dev.opshape.cli.command;

import dev.opshape.cli.BuildVersion;
import dev.opshape.cli.Opshape;
import dev.opshape.shaping.bias.BiasRow;
import dev.opshape.shaping.tournament.RunOutcome;
import dev.opshape.shaping.training.RunResult;
import dev.opshape.shaping.tournament.TournamentConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * {@code opshape merge FILES...}: the shards of one tournament ({@code opshape tournament ... --shard I/N --out
 * FILE}) merged into exactly what the unsharded command prints and writes, byte for byte, whatever the number of
 * shards and the order of the files. Missing, duplicated or foreign shards, and files that do not match their
 * checksum, are bad input (exit 2), refused before anything is written.
 */
@Command(name = "merge",
        mixinStandardHelpOptions = true,
        description = {
            "Merges the shard files of one tournament, training experiment or bias study, played with 'opshape "
                    + "tournament|train|bias ... --shard I/N --out FILE' (the same command line, I = 1..N), and "
                    + "prints and writes what the unsharded command would: its --json, --csv and --plot apply here, "
                    + "from the shards' command line. Random streams are keyed by the work unit, so the merge equals "
                    + "the single-machine run byte for byte."
        })
public final class MergeCommand implements Callable<Integer> {

    /** Largest shard file read. */
    static final long MAX_FILE_BYTES = 1L << 30;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The shard files, in any order.")
    private List<Path> files;

    @Override
    public Integer call() throws IOException {
        List<byte[]> documents = new ArrayList<>();
        for (Path file : files) {
            documents.add(bytes(file));
        }
        String schema = ShardFiles.schema(documents.get(0));
        if (TrainShard.SCHEMA.equals(schema)) {
            return mergeTraining(documents);
        }
        if (BiasShard.SCHEMA.equals(schema)) {
            return mergeBias(documents);
        }
        return mergeTournament(documents);
    }

    /** The tournament of the shards: every run once, by its sequence, replayed through 'opshape tournament'. */
    private int mergeTournament(List<byte[]> documents) throws IOException {
        List<TournamentShard> shards = readSet(documents, TournamentShard::read, TournamentShard.SCHEMA,
                "tournament");
        TournamentShard first = shards.get(0);
        TournamentCommand tournament = command(first, TournamentCommand.class, "tournament");
        TournamentConfig config = tournament.configForMerge();
        RunOutcome[] runs = new RunOutcome[first.runs()];
        for (int k = 0; k < shards.size(); k++) {
            TournamentShard s = shards.get(k);
            for (TournamentShard.Run r : s.outcomes()) {
                place(runs, r.sequence(), s, k, () -> r.toOutcome(config));
            }
        }
        checkPresent(runs, first, "run");
        tournament.replay(List.of(runs));
        return tournament.call();
    }

    /** The training experiment of the shards: every run once, by run index, replayed through 'opshape train'. */
    private int mergeTraining(List<byte[]> documents) throws IOException {
        List<TrainShard> shards = readSet(documents, TrainShard::read, TrainShard.SCHEMA, "training");
        TrainShard first = shards.get(0);
        TrainCommand train = command(first, TrainCommand.class, "train");
        RunResult[] runs = new RunResult[first.runs()];
        for (int k = 0; k < shards.size(); k++) {
            TrainShard s = shards.get(k);
            for (TrainShard.Result r : s.results()) {
                place(runs, r.run(), s, k, r::toResult);
            }
        }
        checkPresent(runs, first, "run");
        train.replay(List.of(runs));
        return train.call();
    }

    /** The bias study of the shards: every row once, in row order, replayed through 'opshape bias'. */
    private int mergeBias(List<byte[]> documents) throws IOException {
        List<BiasShard> shards = readSet(documents, BiasShard::read, BiasShard.SCHEMA, "bias");
        BiasShard first = shards.get(0);
        BiasCommand bias = command(first, BiasCommand.class, "bias");
        BiasRow[] rows = new BiasRow[first.rows()];
        for (int k = 0; k < shards.size(); k++) {
            BiasShard s = shards.get(k);
            // Each shard holds its rows in row order: the j-th is row shard - 1 + j N.
            int position = s.shard() - 1;
            for (BiasRow r : s.results()) {
                place(rows, position, s, k, () -> r);
                position += s.shards();
            }
        }
        checkPresent(rows, first, "row");
        bias.replay(List.of(rows));
        return bias.call();
    }

    /**
     * Every file read as a shard of one kind (one line naming the file if it is not, or does not match its checksum),
     * and the set checked: one version, one study, each shard once.
     */
    private <S extends ShardDocument> List<S> readSet(List<byte[]> documents, BiFunction<byte[], String, S> reader,
                                                      String schema, String kind) {
        List<S> shards = new ArrayList<>();
        for (int k = 0; k < files.size(); k++) {
            String other = ShardFiles.schema(documents.get(k));
            if (other != null && !schema.equals(other)) {
                throw bad(files.get(k) + " is not a " + kind + " shard like " + files.get(0));
            }
            try {
                shards.add(reader.apply(documents.get(k), files.get(k).toString()));
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
        }
        S first = shards.get(0);
        for (int k = 0; k < shards.size(); k++) {
            S s = shards.get(k);
            checkSet(k, s.version(), s.args(), s.shard(), s.shards(), s.units(), first.args(), first.shards(),
                    first.units());
        }
        checkComplete(shards.stream().map(ShardDocument::shard).toList(), first.shards());
        return shards;
    }

    /** The subcommand the shards' command line names, parsed, which must be an 'opshape NAME' command. */
    private <C> C command(ShardDocument first, Class<C> type, String name) {
        CommandLine line = Opshape.commandLine().setOut(spec.commandLine().getOut())
                .setErr(spec.commandLine().getErr());
        ParseResult parsed = line.parseArgs(first.args().toArray(String[]::new));
        if (!parsed.hasSubcommand() || !type.isInstance(parsed.subcommand().commandSpec().userObject())) {
            throw bad("the shards' command line is not an 'opshape " + name + "' command");
        }
        return type.cast(parsed.subcommand().commandSpec().userObject());
    }

    /** Puts unit u of shard file k in its place, refusing a unit outside the shard's share or seen twice. */
    private <U> void place(U[] units, int u, ShardDocument shard, int k, Supplier<U> unit) {
        if (u < 0 || u >= units.length || u % shard.shards() != shard.shard() - 1 || units[u] != null) {
            throw bad(files.get(k) + " holds unit " + u + ", which is not one of its shard's or appears twice");
        }
        units[u] = unit.get();
    }

    /** Refuses a set of shards in which a unit is missing. */
    private void checkPresent(Object[] units, ShardDocument first, String what) {
        for (int u = 0; u < units.length; u++) {
            if (units[u] == null) {
                throw bad(what + " " + u + " is missing from shard " + (u % first.shards() + 1));
            }
        }
    }

    /** Refuses shard k if it comes from another version or study, or names an impossible shard. */
    private void checkSet(int k, String version, List<String> args, int shard, int shards, int runs,
                          List<String> firstArgs, int firstShards, int firstRuns) {
        Path file = files.get(k);
        if (!BuildVersion.version().equals(version)) {
            throw bad(file + " was written by opshape " + version + "; this is " + BuildVersion.version()
                    + " (merge with the version that played the shards)");
        }
        if (!args.equals(firstArgs) || shards != firstShards || runs != firstRuns) {
            throw bad(file + " belongs to another study than " + files.get(0) + " (a different command line or "
                    + "number of shards)");
        }
        if (shard < 1 || shard > shards) {
            throw bad(file + " says it is shard " + shard + " of " + shards);
        }
    }

    /** Refuses a shard given twice or missing. */
    private void checkComplete(List<Integer> indices, int shards) {
        Map<Integer, Path> byIndex = new TreeMap<>();
        for (int k = 0; k < indices.size(); k++) {
            Path earlier = byIndex.put(indices.get(k), files.get(k));
            if (earlier != null) {
                throw bad("shard " + indices.get(k) + " of " + shards + " is given twice: " + earlier + " and "
                        + files.get(k));
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 1; i <= shards; i++) {
            if (!byIndex.containsKey(i)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw bad("shard" + (missing.size() == 1 ? " " : "s ") + missing.toString().replaceAll("[\\[\\]]", "")
                    + " of " + shards + (missing.size() == 1 ? " is" : " are") + " missing");
        }
    }

    private byte[] bytes(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw bad(file + " cannot be read: " + (Files.exists(file) ? "it is not a regular file"
                        : "no such file"));
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw bad(file + " has " + Files.size(file) + " bytes; at most " + MAX_FILE_BYTES + " are read");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw bad(file + " cannot be read: " + e.getMessage());
        }
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), "Invalid value for FILE: " + message);
    }
}
