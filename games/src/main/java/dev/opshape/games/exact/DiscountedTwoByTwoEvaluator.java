package dev.opshape.games.exact;

import dev.opshape.games.IteratedGame;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.tabular.exact.LuFactors;

/**
 * Exact derivatives for the infinite, discounted horizon of a noiseless 2 x 2 game (the IPD, matching pennies, ...):
 * the general tabular kernel's method written out for one logit per state and the memory-1 structure of the game
 * (the state after a move is its joint outcome). This is the hot path of exact LOLA, which calls it several times
 * per update and agent. {@link IteratedGame#newEvaluator} picks it for noiseless infinite-horizon 2 x 2 games; with
 * noise or a finite horizon the general kernel ({@link ExactEvaluator#general}) keeps those terms out of this one.
 *
 * <p>It works with outcome values instead of state values: x_i(j) is the expected discounted reward from the move
 * that produced joint outcome j on (its reward included), so that M = I - gamma P is 4 x 4 over the outcomes, not
 * 5 x 5 over the states. The two are related by (state value of s) = q_s . x_i.
 *
 * <h2>Notation</h2>
 * Outcomes j = 0..3 are CC, CD, DC, DD (agent 1's action first). Row r = 0 is the first move, row 1 + j follows
 * outcome j. In row r agent 1 plays action 0 with p_r = sigmoid(theta1[r]) (and action 1 with p'_r = 1 - p_r) and
 * agent 2, in its own-view state s2(r), with q_r (and q'_r). The row's next-outcome distribution is
 * (p q, p q', p' q, p' q'). The slopes are dp_r/dtheta1[r] = p_r p'_r and dq_r/dtheta2[s2(r)] = q_r q'_r. As in
 * DiscountedEvaluator, M = I - gamma P, x_i = M^-1 r_i, y = M^-T q_0, and the row coefficients are c_{i,r} = w_r x_i
 * with w_0 = 1 and w_{1+j} = gamma y_j.
 *
 * <h2>Gradient</h2>
 * dq_r/dp = (q, q', -q, -q') and dq_r/dq = (p, -p, p', -p'), so the gradient entries are
 * <pre>
 *   dV_i/dtheta1[r]     = p_r p'_r w_r A_r(x_i),   A_r(z) = q_r (z0 - z2) + q'_r (z1 - z3),
 *   dV_i/dtheta2[s2(r)] = q_r q'_r w_r B_r(x_i),   B_r(z) = p_r (z0 - z1) + p'_r (z2 - z3).
 * </pre>
 * s2 maps the five rows one to one onto agent 2's five states, so each logit gets exactly one term: one store per
 * logit, no accumulation. A_r(x_i) and B_r(x_i) are computed once per point (in {@link #prepare}) and reused by
 * every gradient and Hessian-vector product there.
 *
 * <h2>Hessian-vector product</h2>
 * Along v: dp_r = p_r p'_r v1[r], dq_r = q_r q'_r v2[s2(r)]; the row derivatives dotted with a vector are
 * q_r' . z = dp_r A_r(z) + dq_r B_r(z), which is all that M x' = gamma P' x needs, so q' is never formed; and
 * M^T y' = q_0' + gamma P'^T y = sum_r w_r q_r' is accumulated entry by entry. Then, with E = x0 - x1 - x2 + x3
 * (= dA_r/dq = dB_r/dp) and w'_r = gamma y'_{r-1} (0 for r = 0), the derivative of each gradient entry is
 * <pre>
 *   dp_r (p'_r - p_r) w_r A_r + p_r p'_r (w'_r A_r + w_r (dq_r E + A_r(x'))),
 *   dq_r (q'_r - q_r) w_r B_r + q_r q'_r (w'_r B_r + w_r (dp_r E + B_r(x'))),
 * </pre>
 * using d(p p')/dtheta = p p' (p' - p). Cost: two 4 x 4 triangular solve pairs and about 150 flops.
 *
 * <p>M is row diagonally dominant ({@link LuFactors}), factorised once per point without pivoting, with the
 * pivots' reciprocals. The loops have the compile-time trip count 4, so the JIT unrolls them completely.
 * Deterministic policies (logits +-infinity) give slopes of exactly 0 and finite x, y, so their derivative terms
 * are exactly 0.
 */
public final class DiscountedTwoByTwoEvaluator extends ExactEvaluator {

    /** Joint outcomes CC, CD, DC, DD and rows (start, then after each outcome). */
    private static final int S = 4;
    private static final int ROWS = 5;

    private final double gamma;
    /** Agent 2's own-view state in each row (agent 1's is the row itself). */
    private final int[] state2OfRow = new int[ROWS];
    /** Agent 2's logit index in the joint vector for each row: 5 + s2(r). */
    private final int[] logit2OfRow = new int[ROWS];
    /** Rewards by joint outcome, per agent. */
    private final double[][] reward;
    /** Next-outcome distributions by row: q[r * 4 + j]. Row 0 is the first move; rows 1.. form P. */
    private final double[] q = new double[ROWS * S];
    /** By row: p_r, p'_r, q_r, q'_r and the slopes p_r p'_r, q_r q'_r. */
    private final double[] p = new double[ROWS];
    private final double[] pOther = new double[ROWS];
    private final double[] q2 = new double[ROWS];
    private final double[] q2Other = new double[ROWS];
    private final double[] slope1 = new double[ROWS];
    private final double[] slope2 = new double[ROWS];
    /** LU factors of M in place (L strictly below the diagonal, U above it) and 1 / U_kk. */
    private final double[] lu = new double[S * S];
    private final double[] inversePivot = new double[S];
    /** x_i and y = M^-T q_0. */
    private final double[][] x = new double[2][S];
    private final double[] y = new double[S];
    /** w_r: 1 for the start row, gamma y_j for row 1 + j. */
    private final double[] w = new double[ROWS];
    /** Per agent and row: A_r(x_i) and B_r(x_i); per agent: E(x_i). */
    private final double[][] rowA = new double[2][ROWS];
    private final double[][] rowB = new double[2][ROWS];
    private final double[] mixed = new double[2];
    /** Hessian-vector product scratch. */
    private final double[] dp = new double[ROWS];
    private final double[] dq = new double[ROWS];
    private final double[] xDot = new double[S];
    private final double[] yDot = new double[S];

    /**
     * @param game a noiseless infinite-horizon 2 x 2 game
     * @throws IllegalArgumentException for any other game
     */
    public DiscountedTwoByTwoEvaluator(IteratedGame game) {
        super(game);
        if (game.game().rows() != 2 || game.game().columns() != 2) {
            throw new IllegalArgumentException("a 2 x 2 game is needed, not " + game.game().rows() + " x "
                    + game.game().columns());
        }
        if (noisy || game.isFinite()) {
            // The rows below are written from the intended probabilities, for the discounted infinite horizon.
            throw new IllegalArgumentException("this evaluator is for noiseless infinite-horizon games, not noise = "
                    + game.noise() + ", horizon = " + game.horizon());
        }
        this.gamma = game.gamma();
        this.reward = new double[][] {game.game().outcomeRewards(0), game.game().outcomeRewards(1)};
        int dim1 = offset[1];
        for (int r = 0; r < ROWS; r++) {
            state2OfRow[r] = model.player(1).observation(r);
            logit2OfRow[r] = dim1 + state2OfRow[r];
        }
    }

    /**
     * The rows (p q, p q', p' q, p' q') written out, and the per-row probabilities and slopes the queries use. (The
     * general loops over n and m cost about as much as the rest of setPoint's arithmetic here.)
     */
    private void computeRows() {
        double[] pi1 = pi[0];
        double[] pi2 = pi[1];
        for (int r = 0; r < ROWS; r++) {
            int s2 = state2OfRow[r];
            double p1 = pi1[2 * r];
            double p1Other = pi1[2 * r + 1];
            double p2 = pi2[2 * s2];
            double p2Other = pi2[2 * s2 + 1];
            p[r] = p1;
            pOther[r] = p1Other;
            q2[r] = p2;
            q2Other[r] = p2Other;
            slope1[r] = p1 * p1Other;
            slope2[r] = p2 * p2Other;
            q[S * r] = p1 * p2;
            q[S * r + 1] = p1 * p2Other;
            q[S * r + 2] = p1Other * p2;
            q[S * r + 3] = p1Other * p2Other;
        }
    }

    @Override
    protected void prepare() {
        computeRows();
        for (int i = 0; i < S; i++) {
            for (int j = 0; j < S; j++) {
                lu[i * S + j] = (i == j ? 1.0 : 0.0) - gamma * q[(i + 1) * S + j];
            }
        }
        LuFactors.factorise(lu, inversePivot, S);
        for (int agent = 0; agent < 2; agent++) {
            double[] r = reward[agent];
            double[] xa = x[agent];
            solve(r[0], r[1], r[2], r[3], xa);
            values[agent] = q[0] * xa[0] + q[1] * xa[1] + q[2] * xa[2] + q[3] * xa[3];
        }
        solveTransposed(q[0], q[1], q[2], q[3], y);
        w[0] = 1.0;
        for (int j = 0; j < S; j++) {
            w[1 + j] = gamma * y[j];
        }
        for (int agent = 0; agent < 2; agent++) {
            double[] xa = x[agent];
            for (int r = 0; r < ROWS; r++) {
                rowA[agent][r] = contractA(r, xa[0] - xa[2], xa[1] - xa[3]);
                rowB[agent][r] = contractB(r, xa[0] - xa[1], xa[2] - xa[3]);
            }
            mixed[agent] = (xa[0] - xa[1]) - (xa[2] - xa[3]);
        }
    }

    /** A_r(z) from the differences z0 - z2 and z1 - z3: agent 1's contraction of row r. */
    private double contractA(int r, double d02, double d13) {
        return q2[r] * d02 + q2Other[r] * d13;
    }

    /** B_r(z) from the differences z0 - z1 and z2 - z3: agent 2's contraction of row r. */
    private double contractB(int r, double d01, double d23) {
        return p[r] * d01 + pOther[r] * d23;
    }

    @Override
    protected void computeGradient(int agent, double[] out) {
        double[] a = rowA[agent];
        double[] b = rowB[agent];
        for (int r = 0; r < ROWS; r++) {
            out[r] = slope1[r] * w[r] * a[r];
            out[logit2OfRow[r]] = slope2[r] * w[r] * b[r];
        }
    }

    @Override
    protected void computeHessianVectorProduct(int agent, double[] v, double[] out) {
        double[] a = rowA[agent];
        double[] b = rowB[agent];
        double e = mixed[agent];
        for (int r = 0; r < ROWS; r++) {
            dp[r] = slope1[r] * v[r];
            dq[r] = slope2[r] * v[logit2OfRow[r]];
        }
        // M x' = gamma P' x, with (P' x)_j = q_{1+j}' . x = dp A + dq B of row 1 + j.
        solve(gamma * (dp[1] * a[1] + dq[1] * b[1]), gamma * (dp[2] * a[2] + dq[2] * b[2]),
                gamma * (dp[3] * a[3] + dq[3] * b[3]), gamma * (dp[4] * a[4] + dq[4] * b[4]), xDot);
        // M^T y' = sum_r w_r q_r', q_r' = dp_r (q, q', -q, -q') + dq_r (p, -p, p', -p').
        double rhs0 = 0;
        double rhs1 = 0;
        double rhs2 = 0;
        double rhs3 = 0;
        for (int r = 0; r < ROWS; r++) {
            double alpha = w[r] * dp[r];
            double beta = w[r] * dq[r];
            rhs0 += alpha * q2[r] + beta * p[r];
            rhs1 += alpha * q2Other[r] - beta * p[r];
            rhs2 += beta * pOther[r] - alpha * q2[r];
            rhs3 -= alpha * q2Other[r] + beta * pOther[r];
        }
        solveTransposed(rhs0, rhs1, rhs2, rhs3, yDot);
        double d02 = xDot[0] - xDot[2];
        double d13 = xDot[1] - xDot[3];
        double d01 = xDot[0] - xDot[1];
        double d23 = xDot[2] - xDot[3];
        for (int r = 0; r < ROWS; r++) {
            double wDot = r == 0 ? 0.0 : gamma * yDot[r - 1];
            double aDot = dq[r] * e + contractA(r, d02, d13);
            double bDot = dp[r] * e + contractB(r, d01, d23);
            out[r] = dp[r] * (pOther[r] - p[r]) * w[r] * a[r] + slope1[r] * (wDot * a[r] + w[r] * aDot);
            out[logit2OfRow[r]] = dq[r] * (q2Other[r] - q2[r]) * w[r] * b[r]
                    + slope2[r] * (wDot * b[r] + w[r] * bDot);
        }
    }

    @Override
    public double stateValue(int agent, int row, int movesLeft) {
        int base = row * S;
        double[] xa = x[agent];
        return q[base] * xa[0] + q[base + 1] * xa[1] + q[base + 2] * xa[2] + q[base + 3] * xa[3];
    }

    /** The start state is visited once (at t = 0), the state after outcome j as often as j is produced: gamma y_j. */
    @Override
    public void stateOccupancy(double[] out) {
        out[0] = 1.0 - gamma;
        for (int j = 0; j < S; j++) {
            out[1 + j] = (1.0 - gamma) * gamma * y[j];
        }
    }

    @Override
    public void jointActionOccupancy(double[] out) {
        for (int j = 0; j < S; j++) {
            out[j] = (1.0 - gamma) * y[j];
        }
    }

    /**
     * out := M^-1 (b0, b1, b2, b3): forward substitution with L, then back substitution with U. Written out on local
     * variables: with arrays, every step's store and the next step's load would put a memory round trip on the
     * dependency chain (all double[] may alias as far as the JIT knows).
     */
    private void solve(double b0, double b1, double b2, double b3, double[] out) {
        double[] f = lu;
        double z1 = b1 - f[4] * b0;
        double z2 = b2 - f[8] * b0 - f[9] * z1;
        double z3 = b3 - f[12] * b0 - f[13] * z1 - f[14] * z2;
        double x3 = z3 * inversePivot[3];
        double x2 = (z2 - f[11] * x3) * inversePivot[2];
        double x1 = (z1 - f[6] * x2 - f[7] * x3) * inversePivot[1];
        double x0 = (b0 - f[1] * x1 - f[2] * x2 - f[3] * x3) * inversePivot[0];
        out[0] = x0;
        out[1] = x1;
        out[2] = x2;
        out[3] = x3;
    }

    /** out := M^-T (b0, b1, b2, b3) (M^T = U^T L^T: forward with U^T, then back with L^T), as {@link #solve}. */
    private void solveTransposed(double b0, double b1, double b2, double b3, double[] out) {
        double[] f = lu;
        double z0 = b0 * inversePivot[0];
        double z1 = (b1 - f[1] * z0) * inversePivot[1];
        double z2 = (b2 - f[2] * z0 - f[6] * z1) * inversePivot[2];
        double z3 = (b3 - f[3] * z0 - f[7] * z1 - f[11] * z2) * inversePivot[3];
        double y2 = z2 - f[14] * z3;
        double y1 = z1 - f[9] * y2 - f[13] * z3;
        double y0 = z0 - f[4] * y1 - f[8] * y2 - f[12] * z3;
        out[0] = y0;
        out[1] = y1;
        out[2] = y2;
        out[3] = z3;
    }
}
