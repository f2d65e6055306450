package dev.opshape.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One in-process run of {@code opshape} with its stdout, stderr and exit status captured.
 *
 * @param exitCode the exit status
 * @param out      what was printed on stdout
 * @param err      what was printed on stderr
 */
public record CommandRun(int exitCode, String out, String err) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs {@code opshape args...} as {@link Opshape#main} would, without exiting. */
    public static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Opshape.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }

    /** stdout parsed as JSON. */
    public JsonNode json() {
        try {
            return JSON.readTree(out);
        } catch (Exception e) {
            throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
        }
    }

    /** Asserts exactly one line on stderr, without a stack trace, and nothing on stdout. */
    public void assertOneErrorLine() {
        assertTrue(err.endsWith("\n"), this::toString);
        assertEquals(1, err.split("\n", -1).length - 1, this::toString);
        assertFalse(err.contains("Exception") || err.contains("\tat "), this::toString);
        assertEquals("", out, this::toString);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
