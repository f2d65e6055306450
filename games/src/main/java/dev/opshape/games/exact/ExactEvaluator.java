package dev.opshape.games.exact;

import dev.opshape.games.InvalidGameException;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.policy.ActionLogits;
import dev.opshape.games.policy.PolicyLayout;

/**
 * Exact values, gradients and Hessian-vector products of both agents' values in an iterated game with memory-1
 * policies: the hot path of the suite.
 *
 * <p>An evaluator is a caller-owned workspace: it allocates every array once, in its constructor, and no method
 * allocates afterwards. It is not thread-safe; use one per thread. Usage:
 * <pre>{@code
 * ExactEvaluator exact = ExactEvaluator.create(game);
 * exact.setPoint(theta1, theta2);        // factorises once
 * double v1 = exact.value(0);
 * exact.gradient(0, grad);               // d/d(theta1, theta2) of V1
 * exact.hessianVectorProduct(1, v, hv);  // Hessian of V2 times v
 * }</pre>
 *
 * <p>Parameter vectors: agent i's logits follow {@link PolicyLayout}; gradients, directions v and products are over
 * the concatenation (theta1, theta2) of length {@link #dimension()}.
 *
 * <h2>Method</h2>
 * Rows r = 0 (start) and r = 1 + j (previous joint outcome j) each carry the distribution q_r of the next joint
 * outcome, q_r[a1 * m + a2] = pi1(a1 | s1(r)) pi2(a2 | s2(r)), where s_i(r) is agent i's own-view state of row r.
 * Every logit belongs to exactly one row, so with c_{i,r} = dV_i / dq_r (the "row coefficients", computed by the
 * horizon-specific subclass) the gradient with respect to agent 1's logits of row r is J1^T u with
 * u[a1] = sum_a2 pi2(a2) c_{i,r}[a1 m + a2], and symmetrically for agent 2. A Hessian-vector product differentiates
 * this along v (forward over adjoint): it needs the directional derivatives q_r' of the rows and c_{i,r}' of the
 * coefficients, which the subclass computes with the factorisation already held (two extra solves for an infinite
 * horizon, one forward and one backward recursion for a finite one).
 *
 * <h2>Implementations</h2>
 * {@link RowCoefficientEvaluator} does the contractions above for any number of actions, with the row coefficients
 * of {@link DiscountedEvaluator} (infinite horizon) or {@link FiniteHorizonEvaluator}. The infinite horizon with two
 * actions per agent (every 2 x 2 game, the IPD among them: the hot path of exact LOLA) has its own
 * {@link DiscountedTwoByTwoEvaluator}, which writes the same quantities out for one logit per state.
 *
 * <h2>Trembling-hand noise</h2>
 * In a noisy game ({@link IteratedGame#noise()} &gt; 0) the rows are built from the executed policies
 * pi_i' = f_i + c_i pi_i ({@link IteratedGame#trembleFloor}, {@link IteratedGame#trembleScale}) instead of the
 * intended ones, and since pi_i' is affine in pi_i every derivative of pi_i' is c_i times that of pi_i: the
 * contractions use pi_i' where the rows' probabilities enter and the softmax Jacobian (and its derivative) of the
 * intended pi_i scaled by c_i. So values, gradients and Hessian-vector products are exact for the noisy game.
 * {@link #policy} still reports the intended policies. The noisy infinite-horizon 2 x 2 game uses the general
 * {@link DiscountedEvaluator}, so that the noiseless hot path carries no noise terms at all.
 */
public abstract class ExactEvaluator {

    /** The game being evaluated. */
    protected final IteratedGame game;
    /** {@link IteratedGame#discountMass()}, computed once (a finite horizon sums T powers of gamma). */
    private final double discountMass;
    /** Actions of agent 1 (n) and agent 2 (m). */
    protected final int n;
    protected final int m;
    /** Number of joint outcomes S = n * m, and of rows S + 1 (start first). */
    protected final int numOutcomes;
    protected final int numRows;
    /** Logits per state and parameter dimensions of each agent. */
    protected final int perState1;
    protected final int perState2;
    protected final int dim1;
    protected final int dim2;
    /** Rewards by joint outcome, per agent: reward[i][j]. */
    protected final double[][] reward;
    /** Agent 2's own-view state of row r (agent 1's is r itself). */
    protected final int[] state2OfRow;

    /** Action probabilities by own-view state: pi1[s * n + a1], pi2[s * m + a2]. */
    protected final double[] pi1;
    protected final double[] pi2;
    /** True in a noisy game: the rows then use {@link #mix1} and {@link #mix2}, not the intended policies. */
    protected final boolean noisy;
    /**
     * Slopes c_i and floors f_i of the executed policies pi_i' = f_i + c_i pi_i (1 and 0 without noise, see
     * {@link IteratedGame#trembleScale}).
     */
    protected final double scale1;
    protected final double scale2;
    protected final double floor1;
    protected final double floor2;
    /**
     * Executed action probabilities by own-view state, laid out as {@link #pi1} and {@link #pi2}; without noise the
     * very same arrays (so the noiseless path does no extra work).
     */
    protected final double[] mix1;
    protected final double[] mix2;
    /** Next-outcome distributions by row: q[r * S + j]. Row 0 is the first move; rows 1.. form P. */
    protected final double[] q;
    /** Values V_i at the current point. */
    protected final double[] values = new double[2];

    private boolean hasPoint;

    /**
     * @param game the iterated game (its horizon decides the subclass, see {@link #create})
     */
    protected ExactEvaluator(IteratedGame game) {
        this.game = game;
        this.discountMass = game.discountMass();
        MatrixGame stage = game.game();
        this.n = stage.rows();
        this.m = stage.columns();
        this.numOutcomes = n * m;
        this.numRows = numOutcomes + 1;
        PolicyLayout layout1 = game.layout(0);
        PolicyLayout layout2 = game.layout(1);
        this.perState1 = layout1.logitsPerState();
        this.perState2 = layout2.logitsPerState();
        this.dim1 = layout1.dimension();
        this.dim2 = layout2.dimension();
        this.reward = new double[][] {stage.outcomeRewards(0), stage.outcomeRewards(1)};
        this.state2OfRow = new int[numRows];
        for (int a1 = 0; a1 < n; a1++) {
            for (int a2 = 0; a2 < m; a2++) {
                state2OfRow[1 + a1 * m + a2] = layout2.stateAfter(a1, a2);
            }
        }
        this.pi1 = new double[numRows * n];
        this.pi2 = new double[numRows * m];
        this.q = new double[numRows * numOutcomes];
        this.noisy = game.isNoisy();
        this.scale1 = game.trembleScale(0);
        this.scale2 = game.trembleScale(1);
        this.floor1 = game.trembleFloor(0);
        this.floor2 = game.trembleFloor(1);
        this.mix1 = noisy ? new double[pi1.length] : pi1;
        this.mix2 = noisy ? new double[pi2.length] : pi2;
    }

    /**
     * An evaluator for the game: discounted infinite horizon or finite horizon, by {@code game.horizon()} (and a
     * specialised one for the noiseless infinite horizon of a 2 x 2 game).
     */
    public static ExactEvaluator create(IteratedGame game) {
        if (game.isFinite()) {
            return new FiniteHorizonEvaluator(game);
        }
        MatrixGame stage = game.game();
        // The written-out 2 x 2 kernel assumes the rows' probabilities are the intended ones; a noisy game takes the
        // general path, which scales the policy derivatives (see "Trembling-hand noise" above).
        return stage.rows() == 2 && stage.columns() == 2 && !game.isNoisy() ? new DiscountedTwoByTwoEvaluator(game)
                : new DiscountedEvaluator(game);
    }

    /** The game this evaluator was made for. */
    public IteratedGame game() {
        return game;
    }

    /** Length of agent 1's logit vector. */
    public int dimension1() {
        return dim1;
    }

    /** Length of agent 2's logit vector. */
    public int dimension2() {
        return dim2;
    }

    /** Length of gradients and HVP vectors: dimension1() + dimension2(). */
    public int dimension() {
        return dim1 + dim2;
    }

    /**
     * Moves the evaluator to the point (theta1, theta2): computes the policies, the transition structure, both
     * values and what the derivative queries share (the factorisation and per-agent coefficients). The arrays are
     * read, not retained.
     *
     * @throws InvalidGameException if a vector has the wrong length or holds NaN
     */
    public final void setPoint(double[] theta1, double[] theta2) {
        checkLogits("theta1", theta1, dim1);
        checkLogits("theta2", theta2, dim2);
        // Everything kept is derived from the logits here, so the caller's arrays need no copy.
        for (int s = 0; s < numRows; s++) {
            ActionLogits.probabilities(theta1, s * perState1, n, pi1, s * n);
            ActionLogits.probabilities(theta2, s * perState2, m, pi2, s * m);
        }
        if (noisy) {
            tremble(pi1, scale1, floor1, mix1);
            tremble(pi2, scale2, floor2, mix2);
        }
        computeRows();
        prepare();
        hasPoint = true;
    }

    /** executed[i] = floor + scale intended[i]: the executed policy under trembling-hand noise. */
    private static void tremble(double[] intended, double scale, double floor, double[] executed) {
        for (int i = 0; i < intended.length; i++) {
            executed[i] = floor + scale * intended[i];
        }
    }

    /**
     * Fills {@link #q} from the executed policies {@link #mix1} and {@link #mix2} (the intended ones without
     * noise): q[r * S + a1 * m + a2] = pi1'(a1 | r) pi2'(a2 | s2(r)). A subclass for one (noiseless) game shape may
     * override it with the same products written out.
     */
    protected void computeRows() {
        for (int r = 0; r < numRows; r++) {
            int s2 = state2OfRow[r];
            int base = r * numOutcomes;
            for (int a1 = 0; a1 < n; a1++) {
                double p1 = mix1[r * n + a1];
                for (int a2 = 0; a2 < m; a2++) {
                    q[base + a1 * m + a2] = p1 * mix2[s2 * m + a2];
                }
            }
        }
    }

    private static void checkLogits(String name, double[] theta, int expected) {
        if (theta == null || theta.length != expected) {
            throw new InvalidGameException(name + " has " + (theta == null ? 0 : theta.length)
                    + " logits; this game needs " + expected);
        }
        for (int i = 0; i < theta.length; i++) {
            if (Double.isNaN(theta[i])) {
                throw new InvalidGameException(name + "[" + i + "] is NaN; logits must be numbers (+-Infinity "
                        + "allowed for deterministic choices)");
            }
        }
    }

    /**
     * Computes {@link #values} and whatever the derivative queries need at the current point, from {@link #pi1},
     * {@link #pi2} and {@link #q} (which hold the current policies and rows).
     */
    protected abstract void prepare();

    /** The gradient of V_agent into {@code out} (length {@link #dimension()}, every entry overwritten). */
    protected abstract void computeGradient(int agent, double[] out);

    /** The Hessian of V_agent times v into {@code out} (every entry overwritten; v is not modified). */
    protected abstract void computeHessianVectorProduct(int agent, double[] v, double[] out);

    /**
     * The expected discounted reward of the given agent from a state on, at the current point: the value of
     * standing in row {@code row} (0 = the start, 1 + j = after joint outcome j; this is agent 1's own-view state
     * index) before the next move, sum_{u &lt; h} gamma^u E[r_{agent, t+u} | row], with h = {@code movesLeft} moves
     * to go for a finite horizon (0 &lt;= h &lt;= T) and h infinite otherwise ({@code movesLeft} is then ignored).
     * stateValue(agent, 0, T) equals value(agent). Used as the exact (oracle) baseline of sampled estimators.
     */
    public abstract double stateValue(int agent, int row, int movesLeft);

    /**
     * Writes the discounted occupancy of joint outcomes, normalised to sum to 1, into {@code out} (length
     * n * m): (sum_t gamma^t p_t[j]) / (sum_t gamma^t), where p_t is the distribution of the t-th move's outcome.
     */
    public abstract void outcomeOccupancy(double[] out);

    private void requirePoint() {
        if (!hasPoint) {
            throw new IllegalStateException("call setPoint(theta1, theta2) first");
        }
    }

    /** V_i at the current point: the discounted sum of agent i's expected rewards (0 = agent 1, 1 = agent 2). */
    public final double value(int agent) {
        requirePoint();
        return values[agent];
    }

    /** Agent i's average reward per move: V_i divided by {@link IteratedGame#discountMass()}. */
    public final double averageReward(int agent) {
        return value(agent) / discountMass;
    }

    /**
     * The gradient of V_agent with respect to all logits (theta1 then theta2), written into {@code out} (length
     * {@link #dimension()}, overwritten).
     */
    public final void gradient(int agent, double[] out) {
        requirePoint();
        computeGradient(agent, out);
    }

    /**
     * The Hessian of V_agent with respect to all logits (theta1 then theta2) times {@code v}, written into
     * {@code out} (both of length {@link #dimension()}; out is overwritten, v is read only and may not alias out).
     * With v = (0, w) the first block of the result is the mixed product (d/dtheta1 grad_2 V) w and the second the
     * own-block product (grad_22 V) w.
     */
    public final void hessianVectorProduct(int agent, double[] v, double[] out) {
        requirePoint();
        if (v.length < dim1 + dim2 || out.length < dim1 + dim2) {
            throw new IllegalArgumentException("v and out need length " + (dim1 + dim2));
        }
        computeHessianVectorProduct(agent, v, out);
    }

    /**
     * Agent i's probability of each action in each of its own-view states at the current point, written into
     * {@code out} (length numStates * numActions(i), index state * numActions + action). These are the intended
     * policies, the softmax of the logits; in a noisy game the executed ones are f_i + c_i times them (see the class
     * comment).
     */
    public final void policy(int agent, double[] out) {
        requirePoint();
        double[] pi = agent == 0 ? pi1 : pi2;
        System.arraycopy(pi, 0, out, 0, pi.length);
    }
}
