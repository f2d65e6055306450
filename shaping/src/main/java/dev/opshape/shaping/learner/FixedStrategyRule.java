package dev.opshape.shaping.learner;

import dev.opshape.games.IteratedGame;
import dev.opshape.games.strategy.FixedStrategies;
import dev.opshape.tabular.InvalidModelException;
import dev.opshape.tabular.catalog.ComponentSpec;
import dev.opshape.tabular.catalog.InvalidSpecException;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A fixed memory-1 strategy as an agent: it starts from the strategy's logits and never changes them.
 *
 * @param name     a {@link FixedStrategies} name (tft, alld, ...)
 * @param params   its key = value parameters, as written
 * @param strategy the strategy's factory, from those parameters (checked by the catalog)
 */
public record FixedStrategyRule(String name, Map<String, String> params, FixedStrategies.StrategyFactory strategy)
        implements LearningRule {

    public FixedStrategyRule {
        params = Map.copyOf(params);
        Objects.requireNonNull(strategy, "strategy");
    }

    /** The named strategy with the given parameters (checked now). */
    public static FixedStrategyRule of(String name, Map<String, String> params) {
        StringBuilder text = new StringBuilder(name);
        params.forEach((k, v) -> text.append(':').append(k).append('=').append(v));
        try {
            return new FixedStrategyRule(name, params, FixedStrategies.catalog().create(
                    new ComponentSpec(text.toString(), name, params)));
        } catch (InvalidSpecException e) {
            throw new InvalidModelException(e.getMessage(), e);
        }
    }

    @Override
    public Learner newLearner(IteratedGame game, int agent) {
        // Validate now, so a strategy that does not fit the game fails before any run starts.
        strategy.create(game.game(), agent);
        return new Learner() {
            @Override
            public int agent() {
                return agent;
            }

            @Override
            public boolean learns() {
                return false;
            }

            @Override
            public void direction(double[] theta, UpdateKey key, double[] out) {
                Arrays.fill(out, 0.0);
            }
        };
    }

    @Override
    public boolean learns() {
        return false;
    }

    @Override
    public double[] fixedLogits(IteratedGame game, int agent) {
        return strategy.create(game.game(), agent).logits(game.game(), agent);
    }

    /** Equal when the name and parameters are: the factory is determined by them. */
    @Override
    public boolean equals(Object o) {
        return o instanceof FixedStrategyRule r && name.equals(r.name) && params.equals(r.params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, params);
    }

    @Override
    public String describe() {
        if (params.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name);
        params.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(':').append(e.getKey()).append('=').append(e.getValue()));
        return sb.toString();
    }
}
