package dev.opshape.games;

import dev.opshape.games.policy.PolicyLayout;

import java.util.Objects;

/**
 * A matrix game played repeatedly by two memory-1 policies, with discount {@code gamma} in [0, 1) and either an
 * infinite horizon ({@code horizon == 0}) or a finite one of {@code horizon} moves.
 *
 * <p>Values: V_i = sum_t gamma^t E[r_{i,t}] over t = 0, 1, ... (t = 0 is the first move, drawn from the start
 * state), truncated to t &lt; T for a finite horizon T. Instances are immutable.
 *
 * @param game    the stage game
 * @param gamma   discount factor in [0, 1)
 * @param horizon number of moves T &gt;= 1, or {@link #INFINITE} (0)
 */
public record IteratedGame(MatrixGame game, double gamma, int horizon) {

    /** The horizon value meaning "infinitely many moves". */
    public static final int INFINITE = 0;

    /** Default discount of the LOLA and LOLA-DiCE papers. */
    public static final double DEFAULT_GAMMA = 0.96;

    public IteratedGame {
        Objects.requireNonNull(game, "game");
        if (!(gamma >= 0 && gamma < 1)) {
            throw new InvalidGameException("gamma = " + gamma + "; the discount must be in [0, 1)");
        }
        if (horizon < 0) {
            throw new InvalidGameException("horizon = " + horizon
                    + "; the horizon must be a number of moves >= 1, or 0 for an infinite horizon");
        }
    }

    /** The infinite-horizon game with discount gamma. */
    public static IteratedGame infinite(MatrixGame game, double gamma) {
        return new IteratedGame(game, gamma, INFINITE);
    }

    /** The game truncated to {@code horizon} moves (horizon &gt;= 1). */
    public static IteratedGame finite(MatrixGame game, double gamma, int horizon) {
        if (horizon < 1) {
            throw new InvalidGameException("horizon = " + horizon + "; a finite horizon must be >= 1 move");
        }
        return new IteratedGame(game, gamma, horizon);
    }

    /** True for a finite horizon. */
    public boolean isFinite() {
        return horizon != INFINITE;
    }

    /** The same stage game and discount with another horizon (0 = infinite). */
    public IteratedGame withHorizon(int newHorizon) {
        return new IteratedGame(game, gamma, newHorizon);
    }

    /** The parameter layout of the given agent's memory-1 policy (0 = agent 1, 1 = agent 2). */
    public PolicyLayout layout(int agent) {
        return new PolicyLayout(game, agent);
    }

    /** Number of logits of the given agent. */
    public int dimension(int agent) {
        return layout(agent).dimension();
    }

    /** Number of logits of both agents together, agent 1's first. */
    public int jointDimension() {
        return dimension(0) + dimension(1);
    }

    /**
     * The normaliser that turns a value into an average reward per move: sum_{t &lt; T} gamma^t, that is
     * 1 / (1 - gamma) for an infinite horizon and (1 - gamma^T) / (1 - gamma) for T moves.
     */
    public double discountMass() {
        if (!isFinite()) {
            return 1.0 / (1.0 - gamma);
        }
        double mass = 0;
        double weight = 1;
        for (int t = 0; t < horizon; t++) {
            mass += weight;
            weight *= gamma;
        }
        return mass;
    }
}
