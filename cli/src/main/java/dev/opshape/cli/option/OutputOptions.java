package dev.opshape.cli.option;

import dev.opshape.cli.output.JsonOutput;
import dev.opshape.cli.output.Report;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

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

    /** Prints the report to the command's stdout in the chosen format. */
    public void print(Report report) {
        PrintWriter out = mixee.commandLine().getOut();
        if (json) {
            JsonOutput.write(out, report);
        } else {
            report.printText(out);
        }
        out.flush();
    }
}
