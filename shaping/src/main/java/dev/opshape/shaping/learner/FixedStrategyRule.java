package dev.opshape.shaping.learner;

import dev.opshape.games.IteratedGame;
import dev.opshape.games.strategy.FixedStrategies;

import java.util.Arrays;
import java.util.Map;

/**
 * A fixed memory-1 strategy as an agent: it starts from the strategy's logits and never changes them.
 *
 * @param name   a {@link FixedStrategies} name (tft, alld, ...)
 * @param params its key = value parameters
 */
public record FixedStrategyRule(String name, Map<String, String> params) implements LearningRule {

    public FixedStrategyRule {
        params = Map.copyOf(params);
    }

    @Override
    public Learner newLearner(IteratedGame game, int agent) {
        // Validate now, so a strategy that does not fit the game fails before any run starts.
        FixedStrategies.create(name, params, game.game(), agent);
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
        return FixedStrategies.create(name, params, game.game(), agent).logits(game.game(), agent);
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
