package dev.opshape.cli.option;

import dev.opshape.games.MatrixGame;
import dev.opshape.games.policy.PolicyLayout;
import dev.opshape.games.strategy.FixedStrategies;
import dev.opshape.tabular.InvalidModelException;
import dev.opshape.tabular.catalog.ComponentSpec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One agent's memory-1 policy as given on the command line: either its logits as a comma list (for example
 * {@code 0,inf,-inf,inf,-inf}) or a fixed strategy spec (for example {@code tft}, {@code gtft:g=0.3},
 * {@code probs:p=1/1/0/1/0}; see {@link FixedStrategies}).
 *
 * <p>The text is checked for form when the option is parsed (numbers, a known strategy name); the length and the
 * strategy's fit depend on the game, so {@link #logits} checks them once the game is known.
 */
public sealed interface LogitsArgument {

    /**
     * The logit vector for the given agent of the game, laid out as {@link PolicyLayout} says.
     *
     * @param agent 0 for agent 1, 1 for agent 2
     * @throws InvalidModelException if the number of logits is wrong, or the strategy's keys or the game do not fit
     */
    double[] logits(MatrixGame game, int agent);

    /** Explicit logits. */
    record Numbers(NumberList list) implements LogitsArgument {
        @Override
        public double[] logits(MatrixGame game, int agent) {
            PolicyLayout layout = new PolicyLayout(game, agent);
            if (list.size() != layout.dimension()) {
                throw new InvalidModelException(list.size() + " logits given; agent " + (agent + 1) + " of game '"
                        + game.name() + "' has " + layout.dimension() + " (" + describe(layout) + ")");
            }
            return list.values().clone();
        }
    }

    /** A fixed strategy by name and parameters. */
    record Strategy(ComponentSpec spec) implements LogitsArgument {
        @Override
        public double[] logits(MatrixGame game, int agent) {
            return FixedStrategies.create(spec.name(), spec.params(), game, agent).logits(game, agent);
        }
    }

    /** The logit layout in words, for example "one per state: start, CC, CD, DC, DD". */
    static String describe(PolicyLayout layout) {
        List<String> states = new ArrayList<>();
        for (int s = 0; s < layout.numStates(); s++) {
            states.add(layout.stateLabel(s));
        }
        return layout.logitsPerState() == 1
                ? "one per state: " + String.join(", ", states)
                : layout.logitsPerState() + " per state (one per action) for the states " + String.join(", ", states);
    }

    /**
     * Converter: a comma list of numbers (inf and -inf allowed, NaN not), or a known fixed strategy spec.
     */
    final class Converter implements ITypeConverter<LogitsArgument> {
        @Override
        public LogitsArgument convert(String value) {
            String t = value.strip();
            String first = t.split("[,:]", 2)[0].toLowerCase(Locale.ROOT);
            boolean looksLikeName = !t.isEmpty() && Character.isLetter(t.charAt(0))
                    && !first.equals("inf") && !first.equals("infinity") && !first.equals("nan");
            if (!looksLikeName) {
                return new Numbers(NumberList.parse(value, true));
            }
            ComponentSpec spec;
            try {
                spec = ComponentSpec.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
            if (!FixedStrategies.isStrategy(spec.name())) {
                throw new TypeConversionException("unknown strategy '" + spec.name() + "'; allowed: a comma list of "
                        + "logits (numbers, inf, -inf) or a fixed strategy: "
                        + String.join(", ", FixedStrategies.names()));
            }
            return new Strategy(spec);
        }
    }
}
