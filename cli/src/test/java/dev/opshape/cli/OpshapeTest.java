package dev.opshape.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpshapeTest {

    @Test
    void versionComesFromTheMavenBuild() {
        CommandRun run = CommandRun.of("--version");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("opshape " + BuildVersion.version() + "\n"), run::toString);
        // the filtered resource was found: the version is not the placeholder
        assertTrue(BuildVersion.version().matches("\\d+\\.\\d+\\.\\d+.*"), BuildVersion.version());
        assertEquals("", run.err());
    }

    @Test
    void helpListsTheCommandsAndExitStatuses() {
        CommandRun run = CommandRun.of("--help");
        assertEquals(0, run.exitCode(), run::toString);
        for (String text : new String[] {"games", "exact", "Exit status", "bad input"}) {
            assertTrue(run.out().contains(text), text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"games", "exact", "train", "tournament", "evolve", "bias"})
    void everySubcommandHasHelpAndVersion(String command) {
        // picocli reports a help text it cannot format (an unescaped '%') as a WARN on System.err
        PrintStream savedErr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        CommandRun help;
        try {
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            help = CommandRun.of(command, "--help");
        } finally {
            System.setErr(savedErr);
        }
        assertEquals("", warnings.toString(StandardCharsets.UTF_8), command + " --help");
        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(help.out().startsWith("Usage: opshape " + command), help::toString);
        assertTrue(help.out().contains("--json"), help::toString);
        assertEquals(0, CommandRun.of(command, "--version").exitCode());
        assertEquals(0, CommandRun.of("help", command).exitCode());
    }

    @Test
    void exactHelpPrintsEveryDefault() {
        String help = CommandRun.of("exact", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("Default: ipd"), help);
        assertTrue(help.contains("Default: 0.96"), help);
        assertTrue(help.contains("or 0: the infinite horizon, except in 'opshape bias', whose sampled estimators "
                + "need finite rollouts and take 0 to mean T = 150. Default: 0."), help);
        assertTrue(help.contains("Default: all logits 0"), help);
    }

    @Test
    void missingCommandIsBadInput() {
        CommandRun run = CommandRun.of();
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertEquals("opshape: missing command; allowed: games, exact, train, tournament, evolve, merge, slurm, curves, bias, meta-bias, completion, help (see 'opshape --help')\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void unknownCommandListsTheCommands() {
        CommandRun run = CommandRun.of("zzz");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        run.assertOneErrorLine();
        assertTrue(run.err().contains("'zzz'") && run.err().contains("games, exact, train, tournament, evolve, merge, slurm, curves, bias"),
                run::toString);
    }

    @Test
    void misspeltOptionSuggestsTheRightOne() {
        CommandRun run = CommandRun.of("exact", "--gama", "0.5");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        run.assertOneErrorLine();
        assertTrue(run.err().startsWith("opshape exact: Unknown option"), run::toString);
        assertTrue(run.err().contains("--gamma"), run::toString);
    }
}
