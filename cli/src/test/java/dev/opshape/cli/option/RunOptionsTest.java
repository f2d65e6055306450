package dev.opshape.cli.option;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunOptionsTest {

    @Command(name = "run")
    static final class LongRun implements Runnable {
        @Mixin
        RunOptions run;

        @Override
        public void run() {
        }
    }

    @Test
    void seedDefaultsAndParses() {
        LongRun command = new LongRun();
        new CommandLine(command).parseArgs();
        assertEquals(Long.parseLong(RunOptions.DEFAULT_SEED), command.run.seed());
        assertFalse(command.run.quiet());
        new CommandLine(command).parseArgs("--seed", "-12345678901", "--quiet");
        assertEquals(-12345678901L, command.run.seed());
        assertTrue(command.run.quiet());
    }
}
