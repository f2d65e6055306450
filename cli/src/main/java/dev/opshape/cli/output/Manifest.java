package dev.opshape.cli.output;

import dev.opshape.cli.BuildVersion;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;

/**
 * What produced a JSON document, so that a result file can be reproduced: the {@code manifest} field of every
 * command's JSON output.
 *
 * @param tool    always {@code opshape}
 * @param version the opshape version
 * @param schema  the name and version of the document's layout, for example {@code opshape-exact/1}; it changes
 *                when a field is renamed or removed
 * @param command the command, for example {@code opshape exact}
 * @param args    the command-line arguments as given
 */
public record Manifest(String tool, String version, String schema, String command, List<String> args) {

    /**
     * The manifest of the running command.
     *
     * @param spec   the running command's spec (picocli {@code @Spec})
     * @param schema the document layout, for example {@code opshape-exact/1}
     */
    /** The manifest as comment lines for CSV files: tool and version, then the command line. */
    public List<String> commentLines() {
        return List.of(tool + " " + version + " (" + schema + ")", tool + " " + String.join(" ", args));
    }

    public static Manifest of(CommandSpec spec, String schema) {
        List<String> args = spec.commandLine().getParseResult() == null ? List.of()
                : List.copyOf(spec.commandLine().getParseResult().originalArgs());
        return new Manifest("opshape", BuildVersion.version(), schema, spec.qualifiedName(), args);
    }
}
