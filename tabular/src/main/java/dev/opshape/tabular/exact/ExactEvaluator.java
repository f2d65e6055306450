package dev.opshape.tabular.exact;

import dev.opshape.tabular.InvalidModelException;
import dev.opshape.tabular.TabularModel;
import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.policy.ActionLogits;
import dev.opshape.tabular.policy.ParameterLayout;

/**
 * Exact values, gradients and Hessian-vector products of every player's value in a {@link TabularProblem} under
 * tabular policies: the hot path of the suite.
 *
 * <p>An evaluator is a caller-owned workspace: it allocates every array once, in its constructor, and no method
 * allocates afterwards. It is not thread-safe; use one per thread. Usage:
 * <pre>{@code
 * ExactEvaluator exact = problem.newEvaluator();
 * exact.setPoint(theta);                 // the joint vector of all players; factorises once
 * double v0 = exact.value(0);
 * exact.gradient(0, grad);               // d V_0 / d theta
 * exact.hessianVectorProduct(1, v, hv);  // (Hessian of V_1) v, every block including the mixed ones
 * }</pre>
 * Vectors are over the joint parameter vector of {@link ParameterLayout}; {@link #setPoint(double[], double[])} takes
 * a two-player problem's blocks separately.
 *
 * <h2>Implementations</h2>
 * {@link #general} gives the general kernel for any model: {@link DiscountedEvaluator} for an infinite horizon (one LU
 * factorisation and adjoint solves) and {@link FiniteHorizonEvaluator} for a finite one (forward and backward
 * recursions), both contracting per-cell coefficients in {@link TabularEvaluator}. A problem with special structure
 * may supply its own subclass through {@link TabularProblem#newEvaluator()}, as the iterated 2 x 2 game does.
 *
 * <h2>Trembling-hand noise</h2>
 * In a noisy problem the kernels use the executed policies pi_i' = f_i + c_i pi_i where the policies' probabilities
 * enter and c_i times the intended policies' derivatives where their derivatives do (see {@link TabularProblem}), so
 * every query is exact for the noisy problem. {@link #policy} still reports the intended policies.
 */
public abstract class ExactEvaluator {

    /** The problem being evaluated. */
    protected final TabularProblem problem;
    /** Its model. */
    protected final TabularModel model;
    /** The joint parameter layout. */
    protected final ParameterLayout layout;
    /** Number of players. */
    protected final int numPlayers;
    /** Per player: actions k_i, logits per observation L_i, observations O_i, block offset. */
    protected final int[] numActions;
    protected final int[] perObservation;
    protected final int[] numObservations;
    protected final int[] offset;
    /** Intended action probabilities per player, by observation: pi[i][o * k_i + a]. */
    protected final double[][] pi;
    /** True in a noisy problem: the kernels then read {@link #mix}, not the intended policies. */
    protected final boolean noisy;
    /** Slope c_i and floor f_i of each player's executed policy (1 and 0 without noise). */
    protected final double[] scale;
    protected final double[] floor;
    /** Executed probabilities, laid out as {@link #pi}; without noise the very same arrays. */
    protected final double[][] mix;
    /** Values V_i at the current point. */
    protected final double[] values;

    private final double discountMass;
    private boolean hasPoint;
    /** The general kernel at the same point, made on first use, for queries a special kernel does not implement. */
    private ExactEvaluator general;

    /** @param problem the problem this workspace evaluates */
    protected ExactEvaluator(TabularProblem problem) {
        this.problem = problem;
        this.model = problem.model();
        this.layout = problem.layout();
        this.numPlayers = model.numPlayers();
        this.numActions = new int[numPlayers];
        this.perObservation = new int[numPlayers];
        this.numObservations = new int[numPlayers];
        this.offset = new int[numPlayers];
        this.pi = new double[numPlayers][];
        this.mix = new double[numPlayers][];
        this.scale = new double[numPlayers];
        this.floor = new double[numPlayers];
        this.noisy = problem.isNoisy();
        for (int i = 0; i < numPlayers; i++) {
            numActions[i] = layout.numActions(i);
            perObservation[i] = layout.logitsPerObservation(i);
            numObservations[i] = layout.numObservations(i);
            offset[i] = layout.offset(i);
            pi[i] = new double[numObservations[i] * numActions[i]];
            mix[i] = noisy ? new double[pi[i].length] : pi[i];
            scale[i] = problem.trembleScale(i);
            floor[i] = problem.trembleFloor(i);
        }
        this.values = new double[numPlayers];
        this.discountMass = problem.discountMass();
    }

    /**
     * The general exact kernel for the problem: discounted (infinite horizon) or finite horizon, by
     * {@code problem.horizon()}. Prefer {@link TabularProblem#newEvaluator()}, which may pick a faster kernel.
     */
    public static ExactEvaluator general(TabularProblem problem) {
        return problem.isFinite() ? new FiniteHorizonEvaluator(problem) : new DiscountedEvaluator(problem);
    }

    /** The problem this evaluator was made for. */
    public TabularProblem problem() {
        return problem;
    }

    /** The joint parameter layout. */
    public ParameterLayout layout() {
        return layout;
    }

    /** Length of gradients and Hessian-vector product vectors: the joint dimension. */
    public int dimension() {
        return layout.dimension();
    }

    /**
     * Moves the evaluator to the joint point theta: computes the policies and what every query at the point shares
     * (values, factorisations, coefficients). The array is read, not retained.
     *
     * @throws dev.opshape.tabular.InvalidModelException if theta has the wrong length or holds NaN
     */
    public final void setPoint(double[] theta) {
        layout.check("theta", theta);
        for (int i = 0; i < numPlayers; i++) {
            loadPolicy(i, theta, offset[i]);
        }
        prepareAll();
    }

    /**
     * Moves a two-player evaluator to the point with player blocks theta1 and theta2 (as {@link #setPoint(double[])}
     * on their concatenation, without forming it).
     *
     * @throws dev.opshape.tabular.InvalidModelException if the problem does not have two players, or a block has
     *                                                   the wrong length or holds NaN
     */
    public final void setPoint(double[] theta1, double[] theta2) {
        if (numPlayers != 2) {
            throw new InvalidModelException("setPoint(theta1, theta2) needs a two-player problem; "
                    + "this one has " + numPlayers + " players");
        }
        layout.checkBlock("theta1", 0, theta1);
        layout.checkBlock("theta2", 1, theta2);
        loadPolicy(0, theta1, 0);
        loadPolicy(1, theta2, 0);
        prepareAll();
    }

    /**
     * Replaces player i's reward table for the queries after the next {@link #setPoint}: the same model and policies
     * with other rewards, without a new evaluator. A meta-parameter that shapes the reward (LIRPG's intrinsic reward)
     * changes it at every meta-step, so this keeps such a loop free of allocation. The evaluator has no point until
     * setPoint is called again.
     *
     * @param player the player whose rewards change
     * @param byCell rewards by cell c = s * A + a (length S * A, finite; copied)
     * @throws IllegalArgumentException      if the player is out of range, the length is wrong or a reward is not
     *                                       finite
     * @throws UnsupportedOperationException if this kernel is specialised to its model's rewards (the iterated
     *                                       2 x 2 kernel); {@link #general} kernels accept any rewards
     */
    public final void setRewards(int player, double[] byCell) {
        checkRewards(model, player, byCell);
        replaceRewards(player, byCell);
        hasPoint = false;
    }

    /**
     * The checks of {@link #setRewards}, for other code that takes a reward table of the model.
     *
     * @throws IllegalArgumentException if the player is out of range, the length is not S * A or a reward is not
     *                                  finite
     */
    public static void checkRewards(TabularModel model, int player, double[] byCell) {
        if (player < 0 || player >= model.numPlayers()) {
            throw new IllegalArgumentException("player " + player + " is outside [0, " + model.numPlayers() + ")");
        }
        int cells = model.numCells();
        if (byCell == null || byCell.length != cells) {
            throw new IllegalArgumentException("rewards need length " + cells + " (one per state and joint action), "
                    + "not " + (byCell == null ? 0 : byCell.length));
        }
        for (int c = 0; c < cells; c++) {
            if (!Double.isFinite(byCell[c])) {
                throw new IllegalArgumentException("reward at cell " + c + " is " + byCell[c]
                        + "; rewards must be finite");
            }
        }
    }

    /** Copies validated rewards of one player into the kernel; the default refuses (rewards built into the kernel). */
    protected void replaceRewards(int player, double[] byCell) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is specialised to its model's "
                + "rewards; use ExactEvaluator.general(problem) to change them");
    }

    private void loadPolicy(int player, double[] theta, int from) {
        int k = numActions[player];
        int l = perObservation[player];
        double[] p = pi[player];
        int count = numObservations[player];
        if (k == 2 && l == 1) {
            // Two actions, one logit per observation (every dilemma): with the constant stride and k the loop measured
            // 14 ns (4%) faster per setPoint of the IPD than the general one.
            for (int o = 0; o < count; o++) {
                ActionLogits.probabilities(theta, from + o, 2, p, 2 * o);
            }
        } else {
            for (int o = 0; o < count; o++) {
                ActionLogits.probabilities(theta, from + o * l, k, p, o * k);
            }
        }
        if (noisy) {
            double[] executed = mix[player];
            for (int c = 0; c < p.length; c++) {
                executed[c] = floor[player] + scale[player] * p[c];
            }
        }
    }

    private void prepareAll() {
        prepare();
        hasPoint = true;
    }

    /**
     * Computes {@link #values} and whatever the derivative queries need at the current point, from {@link #pi} and
     * {@link #mix}, which hold the current policies.
     */
    protected abstract void prepare();

    /** The gradient of V_player into {@code out} (length {@link #dimension()}, every entry overwritten). */
    protected abstract void computeGradient(int player, double[] out);

    /** The Hessian of V_player times v into {@code out} (every entry overwritten; v is not modified). */
    protected abstract void computeHessianVectorProduct(int player, double[] v, double[] out);

    /**
     * The expected discounted reward of a player from a state on, at the current point: sum_{u &lt; h} gamma^u
     * E[r_{t+u} | s_t = state], with h = {@code movesLeft} moves to go for a finite horizon (0 &lt;= h &lt;= T) and
     * h infinite otherwise ({@code movesLeft} is then ignored). The exact (oracle) baseline of sampled estimators.
     */
    public abstract double stateValue(int player, int state, int movesLeft);

    /**
     * Writes the discounted occupancy of the states, normalised to sum to 1, into {@code out} (length S):
     * (sum_t gamma^t P(s_t = s)) / (sum_t gamma^t).
     */
    public abstract void stateOccupancy(double[] out);

    /**
     * Writes the discounted occupancy of the joint actions, normalised to sum to 1, into {@code out} (length A):
     * (sum_t gamma^t P(a_t = a)) / (sum_t gamma^t), where a_t is the executed joint action of move t.
     */
    public abstract void jointActionOccupancy(double[] out);

    /**
     * The discounted visits of every cell at the current point into {@code out} (length S * A):
     * D(s, a) = sum_t gamma^t P(s_t = s, a_t = a), a the executed joint action, t &lt; T for a finite horizon. Not
     * normalised: V_i = sum_c D(c) r_i(c), so D is the gradient of every player's value in its own reward table.
     */
    public final void cellVisits(double[] out) {
        requirePoint();
        checkLength("out", out, model.numCells());
        computeCellVisits(out);
    }

    /**
     * The derivative of {@link #cellVisits} along a direction v of the joint parameters, into {@code out} (length
     * S * A): the mixed second derivative d/dr_i(c) (grad_theta V_i . v), which a meta-gradient through a learner whose
     * reward depends on a meta-parameter needs (LIRPG's intrinsic reward).
     *
     * @param v the direction (length {@link #dimension()}, read only)
     */
    public final void cellVisitsDirectional(double[] v, double[] out) {
        requirePoint();
        checkLength("v", v, layout.dimension());
        checkLength("out", out, model.numCells());
        computeCellVisitsDirectional(v, out);
    }

    /**
     * {@link #cellVisits} at the current point. The default asks the general kernel, set to the same policies (made
     * on first use; each call then re-prepares it, so a special kernel that serves such queries often overrides this).
     */
    protected void computeCellVisits(double[] out) {
        generalAtPoint().computeCellVisits(out);
    }

    /** {@link #cellVisitsDirectional} at the current point; the default as for {@link #computeCellVisits}. */
    protected void computeCellVisitsDirectional(double[] v, double[] out) {
        generalAtPoint().computeCellVisitsDirectional(v, out);
    }

    private ExactEvaluator generalAtPoint() {
        if (general == null) {
            general = ExactEvaluator.general(problem);
        }
        for (int i = 0; i < numPlayers; i++) {
            System.arraycopy(pi[i], 0, general.pi[i], 0, pi[i].length);
            if (noisy) {
                System.arraycopy(mix[i], 0, general.mix[i], 0, mix[i].length);
            }
        }
        general.prepareAll();
        return general;
    }

    private static void checkLength(String name, double[] x, int length) {
        if (x.length < length) {
            throw new IllegalArgumentException(name + " has length " + x.length + "; it needs " + length);
        }
    }

    private void requirePoint() {
        if (!hasPoint) {
            throw new IllegalStateException("call setPoint first");
        }
    }

    /** V_i at the current point: the discounted sum of player i's expected rewards. */
    public final double value(int player) {
        requirePoint();
        return values[player];
    }

    /** Player i's average reward per move: V_i divided by {@link TabularProblem#discountMass()}. */
    public final double averageReward(int player) {
        return value(player) / discountMass;
    }

    /** The gradient of V_player over the joint vector, written into {@code out} (length {@link #dimension()}). */
    public final void gradient(int player, double[] out) {
        requirePoint();
        computeGradient(player, out);
    }

    /**
     * The Hessian of V_player over the joint vector times {@code v}, written into {@code out} (both of length
     * {@link #dimension()}; out is overwritten, v is read only and may not alias out). Every block is included:
     * with v nonzero only in player j's block, player i's block of the result is the mixed product
     * (d/dtheta_i grad_j V) v_j.
     */
    public final void hessianVectorProduct(int player, double[] v, double[] out) {
        requirePoint();
        int d = layout.dimension();
        if (v.length < d || out.length < d) {
            throw new IllegalArgumentException("v and out need length " + d);
        }
        computeHessianVectorProduct(player, v, out);
    }

    /**
     * Player i's intended probability of each action for each of its observations at the current point, written into
     * {@code out} (length O_i * k_i, index observation * k_i + action).
     */
    public final void policy(int player, double[] out) {
        requirePoint();
        System.arraycopy(pi[player], 0, out, 0, pi[player].length);
    }
}
