package dev.opshape.cli.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.opshape.cli.BuildVersion;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What produced a JSON document, so that a result file can be reproduced: the {@code manifest} field of every
 * command's JSON output.
 *
 * @param tool    always {@code opshape}
 * @param version the opshape version
 * @param schema  the name and version of the document's layout, for example {@code opshape-exact/1}; it changes
 *                when a field is renamed or removed
 * @param command the command, for example {@code opshape exact}
 * @param args    the command-line arguments as given (with {@code @file} arguments expanded), without those that
 *                cannot change the result (--threads, --quiet)
 * @param jvm           the Java runtime: version and vendor
 * @param seed          the master seed of a random run ({@code train}, {@code tournament}, {@code bias}); absent
 *                      for exact commands
 * @param configuration the run's settings as the command understood them (game, agents with every parameter,
 *                      steps, ...); absent for exact commands
 */
@JsonPropertyOrder({"tool", "version", "schema", "command", "args", "jvm", "seed", "configuration"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(String tool, String version, String schema, String command, List<String> args, String jvm,
                       Long seed, Object configuration) {

    /**
     * Options that change how a command runs but never what it computes: left out of {@link #args} so that a
     * document does not depend on them (the same seed gives byte-identical JSON with --threads 1 and 2).
     */
    private static final Set<String> NEUTRAL_OPTIONS = Set.of("--threads", "-q", "--quiet");
    private static final Set<String> NEUTRAL_WITH_VALUE = Set.of("--threads");

    /** This manifest with the seed and configuration of a random run. */
    public Manifest withRun(long seed, Object configuration) {
        return new Manifest(tool, version, schema, command, args, jvm, seed, configuration);
    }

    /**
     * The manifest as comment lines for CSV files: tool and version, the command line (with {@code @file} arguments
     * expanded), the JVM, and the seed of a random run.
     */
    public List<String> commentLines() {
        List<String> lines = new ArrayList<>(List.of(tool + " " + version + " (" + schema + ")",
                tool + " " + String.join(" ", args), "jvm " + jvm));
        if (seed != null) {
            lines.add("seed " + seed);
        }
        return List.copyOf(lines);
    }

    /**
     * The manifest of the running command.
     *
     * @param spec   the running command's spec (picocli {@code @Spec})
     * @param schema the document layout, for example {@code opshape-exact/1}
     */
    public static Manifest of(CommandSpec spec, String schema) {
        // The root's parse result holds the whole command line, subcommand included, after @file expansion.
        CommandLine root = spec.root().commandLine();
        List<String> given = root == null || root.getParseResult() == null ? List.of()
                : root.getParseResult().expandedArgs();
        List<String> args = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String arg = given.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (NEUTRAL_OPTIONS.contains(name)) {
                if (NEUTRAL_WITH_VALUE.contains(name) && !arg.contains("=")) {
                    i++;
                }
                continue;
            }
            args.add(arg);
        }
        String jvm = System.getProperty("java.runtime.name", "Java") + " " + System.getProperty("java.version")
                + " (" + System.getProperty("java.vendor") + ")";
        return new Manifest("opshape", BuildVersion.version(), schema, spec.qualifiedName(), List.copyOf(args), jvm,
                null, null);
    }
}
