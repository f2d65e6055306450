package dev.opshape.cli.option;

import dev.opshape.cli.output.CheckedPrintWriter;
import dev.opshape.cli.output.JsonOutput;
import dev.opshape.cli.output.Report;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * {@code --json}, shared by every subcommand, and the one place that decides how a result reaches stdout: as the
 * report's text, or as the report serialised to one JSON document.
 */
public final class OutputOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--json",
            description = "Print the result as one JSON document on stdout instead of the text report.")
    private boolean json;

    /** Whether {@code --json} was given. */
    public boolean json() {
        return json;
    }

    /**
     * Prints the report to the command's stdout in the chosen format.
     *
     * @throws UncheckedIOException if stdout cannot be written (a closed pipe, a full disk): the command then ends
     *                              with exit status 1 and one line on stderr, not with a silent success
     */
    public void print(Report report) {
        PrintWriter out = mixee.commandLine().getOut();
        if (json) {
            JsonOutput.write(out, report);
        } else {
            report.printText(out);
        }
        try {
            CheckedPrintWriter.verify(out, "the report to standard output");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
