package dev.opshape.tabular;

import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.tabular.policy.ParameterLayout;

/**
 * What the exact and sampled machinery differentiates: a {@link TabularModel} played for {@link #horizon()} moves
 * (0 = infinitely many) with discount {@link #gamma()}, each player's intended action replaced with probability
 * {@link #noise()} by one of its other actions (trembling-hand noise), and tabular policies with one logit block per
 * (player, observation) laid out by {@link #layout()}.
 *
 * <p>Values: V_i = sum_t gamma^t E[r_i(s_t, a_t)] over t = 0, 1, ... (t = 0 is the first move, from the start
 * distribution), truncated to t &lt; T for a finite horizon T. Allowed: gamma in [0, 1) for an infinite horizon and in
 * [0, 1] for a finite one (gamma = 1 is the undiscounted sum of T rewards).
 *
 * <h2>Trembling-hand noise</h2>
 * With noise epsilon each player's intended action is, independently at every move and with probability epsilon,
 * replaced by one of its k - 1 other actions chosen uniformly; the executed actions are paid and make the next
 * state. A player with policy pi so acts as if it played pi' = f + c pi with f = epsilon / (k - 1) and
 * c = 1 - epsilon k / (k - 1) ({@link #trembleFloor}, {@link #trembleScale}): an affine map of pi, so every
 * derivative of pi' is c times that of pi. Any epsilon in [0, 1] keeps pi' a distribution.
 *
 * <p>Implementations are immutable. {@link #newEvaluator()} lets an instance supply a faster exact kernel for its
 * special structure (an iterated 2 x 2 game does); the default is the general one.
 */
public interface TabularProblem {

    /** The horizon value meaning "infinitely many moves". */
    int INFINITE = 0;

    /** The model being played. */
    TabularModel model();

    /** Discount gamma. */
    double gamma();

    /** Number of moves T &gt;= 1, or {@link #INFINITE}. */
    int horizon();

    /** Trembling-hand noise epsilon in [0, 1]; 0 is the noiseless problem. */
    double noise();

    /** The same problem with another horizon (0 = infinite). */
    TabularProblem withHorizon(int horizon);

    /** The same problem with another trembling-hand noise. */
    TabularProblem withNoise(double noise);

    /** The layout of the joint parameter vector (one block per player, one sub-block per observation). */
    ParameterLayout layout();

    /**
     * A new exact evaluator for this problem: a caller-owned workspace. The default is the general tabular one
     * ({@link ExactEvaluator#general}); an instance with special structure may return a faster kernel that answers
     * every query identically (to rounding).
     */
    default ExactEvaluator newEvaluator() {
        return ExactEvaluator.general(this);
    }

    /** True for a finite horizon. */
    default boolean isFinite() {
        return horizon() != INFINITE;
    }

    /** True when the problem has trembling-hand noise. */
    default boolean isNoisy() {
        return noise() > 0;
    }

    /** The slope c = 1 - epsilon k / (k - 1) of player i's executed policy in its intended one; 1 without noise. */
    default double trembleScale(int player) {
        int k = model().player(player).numActions();
        return 1.0 - noise() * k / (k - 1);
    }

    /** The floor epsilon / (k - 1) of player i's executed policy; 0 without noise. */
    default double trembleFloor(int player) {
        return noise() / (model().player(player).numActions() - 1);
    }

    /**
     * The normaliser that turns a value into an average reward per move: sum_{t &lt; T} gamma^t, that is
     * 1 / (1 - gamma) for an infinite horizon and (1 - gamma^T) / (1 - gamma) (T for gamma = 1) for T moves.
     */
    default double discountMass() {
        if (!isFinite()) {
            return 1.0 / (1.0 - gamma());
        }
        double mass = 0;
        double weight = 1;
        for (int t = 0; t < horizon(); t++) {
            mass += weight;
            weight *= gamma();
        }
        return mass;
    }

    /**
     * A problem over the given model (the general exact kernel; immutable).
     *
     * @throws InvalidModelException if gamma, the horizon or the noise is outside what the class comment allows
     */
    static TabularProblem of(TabularModel model, double gamma, int horizon, double noise) {
        return new ModelProblem(model, gamma, horizon, noise);
    }

    /**
     * Checks gamma, horizon and noise against what the class comment allows; the messages name the bad value.
     *
     * @throws InvalidModelException on the first bad value
     */
    static void check(double gamma, int horizon, double noise) {
        if (horizon < 0) {
            throw new InvalidModelException("horizon = " + horizon
                    + "; the horizon must be a number of moves >= 1, or 0 for an infinite horizon");
        }
        if (horizon == INFINITE ? !(gamma >= 0 && gamma < 1) : !(gamma >= 0 && gamma <= 1)) {
            throw new InvalidModelException("gamma = " + gamma + "; the discount must be in "
                    + (horizon == INFINITE ? "[0, 1) for an infinite horizon" : "[0, 1]"));
        }
        if (!(noise >= 0 && noise <= 1)) {
            throw new InvalidModelException("noise = " + noise + "; the trembling-hand noise must be in [0, 1]");
        }
    }
}
