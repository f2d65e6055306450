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
 */
public abstract class ExactEvaluator {

    /** The game being evaluated. */
    protected final IteratedGame game;
    /** Actions of agent 1 (n) and agent 2 (m). */
    protected final int n;
    protected final int m;
    /** Number of joint outcomes S = n * m, and of rows S + 1 (start first). */
    protected final int numOutcomes;
    protected final int numRows;
    /** Logits per state and parameter dimensions of each agent. */
    private final int perState1;
    private final int perState2;
    private final int dim1;
    private final int dim2;
    /** Rewards by joint outcome, per agent: reward[i][j]. */
    protected final double[][] reward;
    /** Agent 2's own-view state of row r (agent 1's is r itself). */
    private final int[] state2OfRow;

    /** Current logits (copies). */
    private final double[] theta1;
    private final double[] theta2;
    /** Action probabilities by own-view state: pi1[s * n + a1], pi2[s * m + a2]. */
    private final double[] pi1;
    private final double[] pi2;
    /** Next-outcome distributions by row: q[r * S + j]. Row 0 is the first move; rows 1.. form P. */
    protected final double[] q;
    /** Row coefficients c_{i,r} = dV_i/dq_r: coef[i][r * S + j]. */
    protected final double[][] coef;
    /** Values V_i at the current point. */
    protected final double[] values = new double[2];

    /** Directional derivatives along the current HVP direction. */
    private final double[] pi1Dot;
    private final double[] pi2Dot;
    protected final double[] qDot;
    protected final double[] coefDot;
    /** Local contraction buffers (length max(n, m)). */
    private final double[] u;
    private final double[] uDot;

    private boolean hasPoint;

    /**
     * @param game the iterated game (its horizon decides the subclass, see {@link #create})
     */
    protected ExactEvaluator(IteratedGame game) {
        this.game = game;
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
        this.theta1 = new double[dim1];
        this.theta2 = new double[dim2];
        this.pi1 = new double[numRows * n];
        this.pi2 = new double[numRows * m];
        this.q = new double[numRows * numOutcomes];
        this.coef = new double[2][numRows * numOutcomes];
        this.pi1Dot = new double[numRows * n];
        this.pi2Dot = new double[numRows * m];
        this.qDot = new double[numRows * numOutcomes];
        this.coefDot = new double[numRows * numOutcomes];
        this.u = new double[Math.max(n, m)];
        this.uDot = new double[Math.max(n, m)];
    }

    /** An evaluator for the game: discounted infinite horizon or finite horizon, by {@code game.horizon()}. */
    public static ExactEvaluator create(IteratedGame game) {
        return game.isFinite() ? new FiniteHorizonEvaluator(game) : new DiscountedEvaluator(game);
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
     * values and both agents' row coefficients. The arrays are copied, not retained.
     *
     * @throws InvalidGameException if a vector has the wrong length or holds NaN
     */
    public final void setPoint(double[] theta1, double[] theta2) {
        checkLogits("theta1", theta1, dim1);
        checkLogits("theta2", theta2, dim2);
        System.arraycopy(theta1, 0, this.theta1, 0, dim1);
        System.arraycopy(theta2, 0, this.theta2, 0, dim2);
        for (int s = 0; s < numRows; s++) {
            ActionLogits.probabilities(this.theta1, s * perState1, n, pi1, s * n);
            ActionLogits.probabilities(this.theta2, s * perState2, m, pi2, s * m);
        }
        for (int r = 0; r < numRows; r++) {
            int s2 = state2OfRow[r];
            int base = r * numOutcomes;
            for (int a1 = 0; a1 < n; a1++) {
                double p1 = pi1[r * n + a1];
                for (int a2 = 0; a2 < m; a2++) {
                    q[base + a1 * m + a2] = p1 * pi2[s2 * m + a2];
                }
            }
        }
        prepare();
        hasPoint = true;
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
     * Computes {@link #values} and {@link #coef} for both agents from {@link #q} (which holds the current rows).
     */
    protected abstract void prepare();

    /**
     * Computes {@link #coefDot} for the given agent, the derivative of its row coefficients along the direction
     * whose row derivatives are in {@link #qDot}.
     */
    protected abstract void directionalCoefficients(int agent);

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
        return value(agent) / game.discountMass();
    }

    /**
     * The gradient of V_agent with respect to all logits (theta1 then theta2), written into {@code out} (length
     * {@link #dimension()}, overwritten).
     */
    public final void gradient(int agent, double[] out) {
        requirePoint();
        java.util.Arrays.fill(out, 0, dim1 + dim2, 0.0);
        double[] c = coef[agent];
        for (int r = 0; r < numRows; r++) {
            int s2 = state2OfRow[r];
            int base = r * numOutcomes;
            // agent 1's logits of state r: u[a1] = sum_a2 pi2(a2) c[a1, a2]
            for (int a1 = 0; a1 < n; a1++) {
                double acc = 0;
                for (int a2 = 0; a2 < m; a2++) {
                    acc += pi2[s2 * m + a2] * c[base + a1 * m + a2];
                }
                u[a1] = acc;
            }
            ActionLogits.addVjp(pi1, r * n, n, u, 0, 1.0, out, r * perState1);
            // agent 2's logits of state s2: u[a2] = sum_a1 pi1(a1) c[a1, a2]
            for (int a2 = 0; a2 < m; a2++) {
                double acc = 0;
                for (int a1 = 0; a1 < n; a1++) {
                    acc += pi1[r * n + a1] * c[base + a1 * m + a2];
                }
                u[a2] = acc;
            }
            ActionLogits.addVjp(pi2, s2 * m, m, u, 0, 1.0, out, dim1 + s2 * perState2);
        }
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
        // Directional derivatives of the policies and of the rows.
        for (int s = 0; s < numRows; s++) {
            ActionLogits.jvp(pi1, s * n, n, v, s * perState1, pi1Dot, s * n);
            ActionLogits.jvp(pi2, s * m, m, v, dim1 + s * perState2, pi2Dot, s * m);
        }
        for (int r = 0; r < numRows; r++) {
            int s2 = state2OfRow[r];
            int base = r * numOutcomes;
            for (int a1 = 0; a1 < n; a1++) {
                double p1 = pi1[r * n + a1];
                double p1Dot = pi1Dot[r * n + a1];
                for (int a2 = 0; a2 < m; a2++) {
                    qDot[base + a1 * m + a2] = p1Dot * pi2[s2 * m + a2] + p1 * pi2Dot[s2 * m + a2];
                }
            }
        }
        directionalCoefficients(agent);

        java.util.Arrays.fill(out, 0, dim1 + dim2, 0.0);
        double[] c = coef[agent];
        for (int r = 0; r < numRows; r++) {
            int s2 = state2OfRow[r];
            int base = r * numOutcomes;
            for (int a1 = 0; a1 < n; a1++) {
                double acc = 0;
                double accDot = 0;
                for (int a2 = 0; a2 < m; a2++) {
                    int j = base + a1 * m + a2;
                    acc += pi2[s2 * m + a2] * c[j];
                    accDot += pi2Dot[s2 * m + a2] * c[j] + pi2[s2 * m + a2] * coefDot[j];
                }
                u[a1] = acc;
                uDot[a1] = accDot;
            }
            int o1 = r * perState1;
            ActionLogits.addVjp(pi1, r * n, n, uDot, 0, 1.0, out, o1);
            ActionLogits.addCurvature(pi1, r * n, pi1Dot, r * n, n, v, o1, u, 0, 1.0, out, o1);

            for (int a2 = 0; a2 < m; a2++) {
                double acc = 0;
                double accDot = 0;
                for (int a1 = 0; a1 < n; a1++) {
                    int j = base + a1 * m + a2;
                    acc += pi1[r * n + a1] * c[j];
                    accDot += pi1Dot[r * n + a1] * c[j] + pi1[r * n + a1] * coefDot[j];
                }
                u[a2] = acc;
                uDot[a2] = accDot;
            }
            int o2 = dim1 + s2 * perState2;
            ActionLogits.addVjp(pi2, s2 * m, m, uDot, 0, 1.0, out, o2);
            ActionLogits.addCurvature(pi2, s2 * m, pi2Dot, s2 * m, m, v, o2, u, 0, 1.0, out, o2);
        }
    }

    /**
     * Agent i's probability of each action in each of its own-view states at the current point, written into
     * {@code out} (length numStates * numActions(i), index state * numActions + action).
     */
    public final void policy(int agent, double[] out) {
        requirePoint();
        double[] pi = agent == 0 ? pi1 : pi2;
        System.arraycopy(pi, 0, out, 0, pi.length);
    }
}
