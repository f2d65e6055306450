package dev.opshape.cli;

import dev.opshape.tabular.InvalidModelException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailureHandlerTest {

    /** A subcommand that fails in the way it is told to. */
    @Command(name = "fail")
    static final class Failing implements Callable<Integer> {
        private final Exception failure;

        Failing(Exception failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            throw failure;
        }
    }

    private static CommandRun runFailing(Exception failure) {
        CommandLine commandLine = Opshape.commandLine();
        commandLine.addSubcommand("fail", new Failing(failure));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return new CommandRun(commandLine.execute("fail"), out.toString(), err.toString());
    }

    @Test
    void bugIsAnInternalErrorOnOneLine() {
        CommandRun run = runFailing(new IllegalStateException("matrix is singular\n  at some detail"));
        assertEquals(ExitCode.INTERNAL, run.exitCode());
        assertEquals("opshape fail: internal error: IllegalStateException: matrix is singular at some detail "
                + "(please report this)\n", run.err());
    }

    @Test
    void nullPointerWithoutMessageIsStillOneLine() {
        CommandRun run = runFailing(new NullPointerException());
        assertEquals(ExitCode.INTERNAL, run.exitCode());
        assertEquals("opshape fail: internal error: NullPointerException (please report this)\n", run.err());
    }

    @Test
    void ioFailureIsExit1() {
        CommandRun run = runFailing(new IOException("cannot write 'out.csv': directory /nope does not exist"));
        assertEquals(ExitCode.INTERNAL, run.exitCode());
        assertEquals("opshape fail: I/O error: cannot write 'out.csv': directory /nope does not exist\n", run.err());
    }

    @Test
    void invalidGameFromAnyCommandIsBadInput() {
        CommandRun run = runFailing(new InvalidModelException("gamma = 1.5; the discount must be in [0, 1)"));
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertEquals("opshape fail: gamma = 1.5; the discount must be in [0, 1)\n", run.err());
        assertTrue(run.out().isEmpty());
    }
}
