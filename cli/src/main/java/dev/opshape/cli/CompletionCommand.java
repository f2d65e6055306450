package dev.opshape.cli;

import dev.opshape.cli.output.CheckedPrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code opshape completion [bash|zsh]}: prints the shell completion script that picocli's {@link AutoComplete}
 * generates from the command model (subcommands, options, fixed values, file names for path options), so that it
 * can never disagree with the options it completes. The same script serves bash and zsh (it loads zsh's
 * {@code bashcompinit}).
 */
@Command(name = "completion",
        mixinStandardHelpOptions = true,
        description = {
            "Print the shell completion script of opshape (bash, or zsh through bashcompinit).",
            "Use it in the current shell with: source <(opshape completion)",
            "or install it for bash-completion with: "
                    + "opshape completion > ~/.local/share/bash-completion/completions/opshape"
        })
public final class CompletionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SHELL", arity = "0..1", defaultValue = "bash",
            description = "bash or zsh (the script is the same). Default: ${DEFAULT-VALUE}.")
    private String shell;

    @Override
    public Integer call() throws IOException {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new ParameterException(spec.commandLine(), "Invalid value for SHELL: '" + shell
                    + "'; allowed: bash, zsh");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        CheckedPrintWriter.verify(out, "the completion script to standard output");
        return ExitCode.OK;
    }
}
