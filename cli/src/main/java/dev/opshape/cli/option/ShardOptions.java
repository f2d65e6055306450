package dev.opshape.cli.option;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --shard I/N --out FILE}: play one shard of a command's work units into a shard file for
 * {@code opshape merge} (tournament runs, training runs). Parsed and checked here, for every shardable command.
 */
public final class ShardOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Play only shard I of N (1 <= I <= N): the work units at positions s with s mod N = I - 1, "
                    + "written with --out FILE; 'opshape merge' of all N shard files prints what the whole command "
                    + "prints, byte for byte (--json, --csv and --plot apply at the merge).")
    private String shard;

    @Option(names = "--out", paramLabel = "FILE",
            description = "With --shard: the shard file to write (JSON, checksummed; replaced atomically).")
    private Path out;

    private int index;
    private int count;

    /**
     * True if this run plays a shard; checks I/N and --out.
     *
     * @throws ParameterException for a malformed I/N, --out without --shard, or --shard without --out
     */
    public boolean active() {
        CommandLine command = mixee.commandLine();
        if (shard == null) {
            if (out != null) {
                throw new ParameterException(command, "Invalid value for option '--out': it writes a shard; give "
                        + "--shard I/N too");
            }
            return false;
        }
        String[] parts = shard.split("/", -1);
        try {
            index = Integer.parseInt(parts[0].trim());
            count = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : -1;
        } catch (NumberFormatException e) {
            index = -1;
            count = -1;
        }
        if (parts.length != 2 || count < 1 || index < 1 || index > count) {
            throw new ParameterException(command, "Invalid value for option '--shard': '" + shard
                    + "' is not I/N with 1 <= I <= N, for example 1/4");
        }
        if (out == null) {
            throw new ParameterException(command, "Invalid value for option '--shard': a shard is written to a "
                    + "file; give --out FILE");
        }
        return true;
    }

    /** I, 1-based (after {@link #active()}). */
    public int index() {
        return index;
    }

    /** N (after {@link #active()}). */
    public int count() {
        return count;
    }

    /** The shard file, checked as an output (after {@link #active()}). */
    public Path out() {
        return OutputFile.prepare(mixee.commandLine(), "--out", out);
    }

    /** The whole command line from the subcommand on, after @file expansion, without --shard and --out. */
    public List<String> commandLine() {
        List<String> given = mixee.root().commandLine().getParseResult().expandedArgs();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String arg = given.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.equals("--shard") || name.equals("--out")) {
                i += arg.contains("=") ? 0 : 1;
                continue;
            }
            kept.add(arg);
        }
        return kept;
    }
}
