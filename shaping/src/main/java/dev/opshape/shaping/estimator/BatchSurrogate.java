package dev.opshape.shaping.estimator;

import dev.opshape.games.sample.TrajectoryBatch;

/**
 * The DiCE and LVC surrogates of a set of stored trajectories, and their exact derivatives at the current
 * parameters, in closed form over per-step score vectors: O(N T d) per query, no autodiff graph, no allocation.
 *
 * <h2>Formulas</h2>
 * For one trajectory, with score vectors grad l_u (sparse: each agent's logits of the state it acted in), their
 * Hessians h_u, weights omega_t (c_t = gamma^t r_t, centred by the mean baseline if any, times the importance weight
 * w_t), baseline terms beta_t = gamma^t b(s_t) rho_t, suffix sums G_u = sum_{t &gt;= u} omega_t and, along v,
 * sigma_t = sum_{u &lt;= t} grad l_u . v and Q_u = sum_{t &gt;= u} omega_t sigma_t:
 * <ul>
 *   <li>gradient (both surrogates): sum_u grad l_u (G_u - beta_u);</li>
 *   <li>DiCE Hessian times v: sum_u [grad l_u (Q_u - beta_u grad l_u . v) + (G_u - beta_u) h_u v], which is
 *       sum_t omega_t (grad S_t grad S_t^T + hess S_t) v minus the baseline term, rearranged so that each step is
 *       visited twice;</li>
 *   <li>LVC Hessian times v: sum_u (G_u - beta_u) (grad l_u (grad l_u . v) + h_u v).</li>
 * </ul>
 * All are averaged over the N trajectories.
 *
 * <h2>Off-policy weighting</h2>
 * For trajectories drawn by behaviour policies mu, the per-step ratio rho_t = pi(a_t | s_t) / mu(a_t | s_t) (both
 * agents' actions) and the cumulative per-decision weight w_t = rho_0 ... rho_t replace the magic boxes: DiCE's
 * MB(S_t) becomes w_t (value w_t, derivative w_t grad S_t) and its baseline weight 1 - MB(l_t) becomes 1 - rho_t,
 * as in the seed paper's off-policy DiCE code; LVC keeps the same-time part of the resulting Hessian. With a clip
 * c, rho_t is replaced by min(rho_t, c) and a clipped step passes no derivative (its score is dropped).
 */
final class BatchSurrogate {

    private final int steps;
    private final double[] discount;
    /** Per step (index b * T + t): cumulative weight w_t, own ratio rho_t, whether derivatives flow. */
    private final double[] weight;
    private final double[] ratio;
    private final boolean[] active;
    /** Per agent and step: omega_t and beta_t. */
    private final double[][] omega = new double[2][];
    private final double[][] beta = new double[2][];
    /** Per-move sums over trajectories (mean baseline). */
    private final double[] moveSum;
    /** Per-trajectory scratch along v. */
    private final double[] sigma;
    private final double[] scoreDotV;

    private ScoreTables tables;
    private TrajectoryBatch batch;
    private int count;

    /**
     * @param gamma    discount
     * @param capacity largest number of trajectories a load may hold
     * @param steps    T, the length of every trajectory
     */
    BatchSurrogate(double gamma, int capacity, int steps) {
        this.steps = steps;
        this.discount = new double[steps];
        double d = 1;
        for (int t = 0; t < steps; t++) {
            discount[t] = d;
            d *= gamma;
        }
        int size = capacity * steps;
        this.weight = new double[size];
        this.ratio = new double[size];
        this.active = new boolean[size];
        for (int i = 0; i < 2; i++) {
            omega[i] = new double[size];
            beta[i] = new double[size];
        }
        this.moveSum = new double[steps];
        this.sigma = new double[steps];
        this.scoreDotV = new double[steps];
    }

    /**
     * Loads trajectories [0, count) of the batch with the tables of the current parameters.
     *
     * @param offPolicy whether the stored log-probabilities are a behaviour policy's (then importance weights apply);
     *                  false means the trajectories were drawn at the current parameters
     * @param clip      the largest per-step ratio (+infinity for none); used only off-policy
     */
    void load(ScoreTables tables, TrajectoryBatch batch, int count, boolean offPolicy, double clip) {
        this.tables = tables;
        this.batch = batch;
        this.count = count;
        int n = tables.actions[0];
        int m = tables.actions[1];
        int[] s1 = batch.state1();
        int[] s2 = batch.state2();
        int[] a1 = batch.action1();
        int[] a2 = batch.action2();
        double[] lb1 = batch.logProb1();
        double[] lb2 = batch.logProb2();
        for (int b = 0; b < count; b++) {
            double w = 1.0;
            for (int t = 0; t < steps; t++) {
                int idx = b * steps + t;
                double rho = 1.0;
                boolean flows = true;
                if (offPolicy) {
                    double current = tables.logProb[0][s1[idx] * n + a1[idx]] + tables.logProb[1][s2[idx] * m + a2[idx]];
                    rho = Math.exp(current - (lb1[idx] + lb2[idx]));
                    if (rho > clip) {
                        rho = clip;
                        flows = false;
                    }
                }
                w *= rho;
                weight[idx] = w;
                ratio[idx] = rho;
                active[idx] = flows;
            }
        }
    }

    /**
     * Computes the agent's step weights omega and baseline terms beta.
     *
     * @param baseline the state values for LEARNED and EXACT (ignored otherwise)
     */
    void setWeights(int agent, BaselineKind kind, StateBaseline baseline) {
        double[] reward = batch.reward(agent);
        double[] om = omega[agent];
        double[] be = beta[agent];
        if (kind == BaselineKind.MEAN && count > 1) {
            java.util.Arrays.fill(moveSum, 0.0);
            for (int b = 0; b < count; b++) {
                for (int t = 0; t < steps; t++) {
                    moveSum[t] += discount[t] * reward[b * steps + t];
                }
            }
        }
        int[] s1 = batch.state1();
        for (int b = 0; b < count; b++) {
            for (int t = 0; t < steps; t++) {
                int idx = b * steps + t;
                double c = discount[t] * reward[idx];
                if (kind == BaselineKind.MEAN && count > 1) {
                    c -= (moveSum[t] - c) / (count - 1);
                }
                om[idx] = c * weight[idx];
                be[idx] = (kind == BaselineKind.LEARNED || kind == BaselineKind.EXACT)
                        ? discount[t] * baseline.value(agent, s1[idx], steps - t) * ratio[idx]
                        : 0.0;
            }
        }
    }

    /** The importance-weighted Monte Carlo estimate of V_agent: mean over trajectories of sum_t gamma^t r_t w_t. */
    double value(int agent) {
        double[] reward = batch.reward(agent);
        double total = 0;
        for (int idx = 0; idx < count * steps; idx++) {
            total += discount[idx % steps] * reward[idx] * weight[idx];
        }
        return total / count;
    }

    /** Writes the gradient estimate of V_agent (joint vector, overwritten). */
    void gradient(int agent, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        double[] om = omega[agent];
        double[] be = beta[agent];
        int[] s1 = batch.state1();
        int[] s2 = batch.state2();
        int[] a1 = batch.action1();
        int[] a2 = batch.action2();
        double inv = 1.0 / count;
        for (int b = 0; b < count; b++) {
            double g = 0;
            for (int t = steps - 1; t >= 0; t--) {
                int idx = b * steps + t;
                g += om[idx];
                if (active[idx]) {
                    double coef = (g - be[idx]) * inv;
                    tables.addScore(0, s1[idx], a1[idx], coef, out);
                    tables.addScore(1, s2[idx], a2[idx], coef, out);
                }
            }
        }
    }

    /** Writes the surrogate's Hessian of V_agent times v (joint vectors; out overwritten, v read only). */
    void hessianVectorProduct(Surrogate surrogate, int agent, double[] v, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        double[] om = omega[agent];
        double[] be = beta[agent];
        int[] s1 = batch.state1();
        int[] s2 = batch.state2();
        int[] a1 = batch.action1();
        int[] a2 = batch.action2();
        double inv = 1.0 / count;
        for (int b = 0; b < count; b++) {
            int base = b * steps;
            double prefix = 0;
            for (int t = 0; t < steps; t++) {
                int idx = base + t;
                double d = active[idx]
                        ? tables.scoreDot(0, s1[idx], a1[idx], v) + tables.scoreDot(1, s2[idx], a2[idx], v)
                        : 0.0;
                scoreDotV[t] = d;
                prefix += d;
                sigma[t] = prefix;
            }
            double g = 0;
            double q = 0;
            for (int t = steps - 1; t >= 0; t--) {
                int idx = base + t;
                g += om[idx];
                q += om[idx] * sigma[t];
                if (!active[idx]) {
                    continue;
                }
                double advantage = g - be[idx];
                double scoreCoef = surrogate == Surrogate.DICE
                        ? q - be[idx] * scoreDotV[t]
                        : advantage * scoreDotV[t];
                scoreCoef *= inv;
                double hessCoef = advantage * inv;
                tables.addScore(0, s1[idx], a1[idx], scoreCoef, out);
                tables.addScore(1, s2[idx], a2[idx], scoreCoef, out);
                tables.addHessianProduct(0, s1[idx], v, hessCoef, out);
                tables.addHessianProduct(1, s2[idx], v, hessCoef, out);
            }
        }
    }
}
