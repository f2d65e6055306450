package dev.opshape.cli.option;

import dev.opshape.cli.output.NumberText;
import dev.opshape.games.IteratedGame;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --noise E}: trembling-hand noise ({@code exact}, {@code train}, {@code tournament}, {@code bias}). Each
 * intended action is replaced with probability E by one of the agent's other actions, uniformly (with two actions:
 * flipped); see {@link IteratedGame} for the semantics. Exact values and learners use the noisy game exactly;
 * sampled estimators score the intended actions of trajectories of the noisy game.
 */
public final class NoiseOption {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    private double noise;

    @Option(names = "--noise", paramLabel = "E", defaultValue = "0", converter = NoiseOption.Number.class,
            description = "Trembling-hand noise, 0 <= E <= " + IteratedGame.MAX_NOISE + ": each intended action is "
                    + "replaced, with probability E, by one of the agent's other actions chosen uniformly (with two "
                    + "actions: flipped, Axelrod's noise); both agents see and are paid for the executed actions. "
                    + "Payoffs and values are computed exactly. At E = 0.5 two-action agents play fair coins whatever "
                    + "their policies (nothing to learn), beyond it each plays against its intention. "
                    + "Default: ${DEFAULT-VALUE} (no noise).")
    void setNoise(double noise) {
        if (!(noise >= 0 && noise <= IteratedGame.MAX_NOISE)) {
            throw new ParameterException(mixee.commandLine(), "Invalid value for option '--noise': " + noise
                    + " is outside [0, " + NumberText.format(IteratedGame.MAX_NOISE) + "]; the trembling-hand noise "
                    + "is a probability");
        }
        this.noise = noise;
    }

    /** A finite number, with the allowed range in the message when the text is not one. */
    public static final class Number implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                return NumberArguments.parseNumber(value, false);
            } catch (TypeConversionException e) {
                throw new TypeConversionException(e.getMessage() + "; the noise must be in [0, "
                        + NumberText.format(IteratedGame.MAX_NOISE) + "]");
            }
        }
    }

    /** The noise E (0 by default). */
    public double noise() {
        return noise;
    }

    /** The game with this noise (the game itself for noise 0). */
    public IteratedGame apply(IteratedGame game) {
        return noise == 0 ? game : game.withNoise(noise);
    }
}
