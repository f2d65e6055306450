package dev.opshape.cli.option;

import picocli.CommandLine.Option;

/**
 * {@code --seed} for the commands that use no randomness ({@code games}, {@code exact}): every subcommand takes
 * {@code --seed}, so scripts can pass one uniformly; here it changes nothing.
 */
public final class SeedOption {

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = RunOptions.DEFAULT_SEED,
            converter = NumberArguments.Seed.class,
            description = "Accepted for uniformity with the other commands; this command is exact and uses no "
                    + "randomness, so the seed changes nothing.")
    private long seed;
}
