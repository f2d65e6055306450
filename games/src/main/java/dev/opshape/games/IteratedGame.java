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
 * <h2>Trembling-hand noise</h2>
 * With noise epsilon &gt; 0 each agent's intended action is, independently at every move and with probability
 * epsilon, replaced by one of its k - 1 other actions chosen uniformly (with two actions: flipped). The executed
 * actions are what both agents observe (they make the next memory-1 state) and what is paid. So an agent with
 * policy pi acts as if it played the mixed policy
 * <pre>
 *   pi'(a | s) = (1 - epsilon) pi(a | s) + epsilon (1 - pi(a | s)) / (k - 1) = f + c pi(a | s),
 *   f = epsilon / (k - 1),   c = 1 - epsilon k / (k - 1),
 * </pre>
 * ({@link #trembleFloor} and {@link #trembleScale}), an affine map of pi, so every derivative of pi' with respect to
 * the logits, of first or second order, is c times that of pi.
 * Allowed: 0 &lt;= epsilon &lt; {@link #MAX_NOISE} (1/2). At epsilon = 1/2 a two-action agent's executed action is a
 * fair coin whatever its policy (trembleScale = 0: nothing to learn, and the intended policy cannot be recovered
 * from what is played), and beyond it the intended action would be the less likely one, the same as a relabelled
 * policy with noise 1 - epsilon. One bound for every game keeps trembleScale &gt; 0 for any number of actions.
 *
 * @param game    the stage game
 * @param gamma   discount factor in [0, 1)
 * @param horizon number of moves T &gt;= 1, or {@link #INFINITE} (0)
 * @param noise   trembling-hand noise epsilon in [0, 1/2) (see above); 0 is the noiseless game
 */
public record IteratedGame(MatrixGame game, double gamma, int horizon, double noise) {

    /** The horizon value meaning "infinitely many moves". */
    public static final int INFINITE = 0;

    /** Default discount of the LOLA and LOLA-DiCE papers. */
    public static final double DEFAULT_GAMMA = 0.96;

    /**
     * Exclusive upper bound of the noise: at 1/2 a two-action agent plays a fair coin whatever its policy (see the
     * class comment).
     */
    public static final double MAX_NOISE = 0.5;

    public IteratedGame {
        Objects.requireNonNull(game, "game");
        if (!(gamma >= 0 && gamma < 1)) {
            throw new InvalidGameException("gamma = " + gamma + "; the discount must be in [0, 1)");
        }
        if (horizon < 0) {
            throw new InvalidGameException("horizon = " + horizon
                    + "; the horizon must be a number of moves >= 1, or 0 for an infinite horizon");
        }
        if (!(noise >= 0 && noise < MAX_NOISE)) {
            throw new InvalidGameException("noise = " + noise + "; the trembling-hand noise must be in [0, "
                    + MAX_NOISE + ")");
        }
    }

    /** The noiseless game (noise 0) with the given stage game, discount and horizon (0 = infinite). */
    public IteratedGame(MatrixGame game, double gamma, int horizon) {
        this(game, gamma, horizon, 0.0);
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

    /** The same stage game, discount and noise with another horizon (0 = infinite). */
    public IteratedGame withHorizon(int newHorizon) {
        return new IteratedGame(game, gamma, newHorizon, noise);
    }

    /** The same stage game, discount and horizon with another trembling-hand noise (in [0, 1/2)). */
    public IteratedGame withNoise(double newNoise) {
        return new IteratedGame(game, gamma, horizon, newNoise);
    }

    /** True when the game has trembling-hand noise (noise &gt; 0). */
    public boolean isNoisy() {
        return noise > 0;
    }

    /**
     * The slope c = 1 - epsilon k / (k - 1) of the given agent's executed policy in its intended one (k = its number
     * of actions): pi' = {@link #trembleFloor}(agent) + c pi. Exactly 1 without noise.
     */
    public double trembleScale(int agent) {
        int k = game.numActions(agent);
        return 1.0 - noise * k / (k - 1);
    }

    /**
     * The probability epsilon / (k - 1) with which the given agent executes any one action by trembling alone (k =
     * its number of actions): the executed policy's floor. Exactly 0 without noise.
     */
    public double trembleFloor(int agent) {
        return noise / (game.numActions(agent) - 1);
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
