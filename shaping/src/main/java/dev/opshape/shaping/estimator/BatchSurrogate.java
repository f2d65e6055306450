package dev.opshape.shaping.estimator;

import dev.opshape.games.IteratedGame;
import dev.opshape.games.policy.PolicyLayout;
import dev.opshape.games.sample.TrajectoryBatch;

/**
 * The DiCE and LVC surrogates of a set of stored trajectories, and their exact derivatives at the current
 * parameters, in closed form over per-step score vectors: O(N T) per query plus a small per-query table work, no
 * autodiff graph, no allocation.
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
 * <h2>Cells: why the queries touch no score vector per step</h2>
 * A step is fully described by its cell (row, j): the joint outcome j = a1 m + a2 it produced and the row it was
 * drawn in, row = 0 at t = 0 and 1 + (previous outcome) afterwards (agent 1's own-view state; agent 2's state, both
 * actions, both score vectors, the Hessians h_u and the reward all follow from the cell). Each sum above is a sum
 * over steps of a scalar coefficient times a vector that depends on the cell only, so the backward passes add the
 * scalar into a table of (1 + S) S cells (S = n m outcomes), and the table is expanded into logit space once per
 * query. Likewise grad l_u . v is looked up per cell. A pass thus costs a few arithmetic operations per step,
 * whatever the number of logits; the batch needs to store only the outcome of each step (a compact
 * {@link TrajectoryBatch}). The per-cell sums of G_u - beta_u are both the gradient's coefficients and those of the
 * Hessian terms h_u v, and do not depend on v: one backward pass per load and agent computes them for every later
 * gradient and product, so a product's own passes only accumulate its score terms.
 *
 * <p>The per-step reward weight depends only on (t, j): gamma^t r(j), and with the mean baseline
 * gamma^t (r(j) - (R_t - r(j)) / (N - 1)) where R_t = sum_b r_{b,t} comes from a histogram of outcomes per move. So
 * each agent's weights are a T x S table (and a state baseline a T x (1 + S) table), computed in {@link #setWeights}
 * in O(T S), not per step.
 *
 * <h2>Off-policy weighting</h2>
 * For trajectories drawn by behaviour policies mu, the per-step ratio rho_t = pi(a_t | s_t) / mu(a_t | s_t) (both
 * agents' actions) and the cumulative per-decision weight w_t = rho_0 ... rho_t replace the magic boxes: DiCE's
 * MB(S_t) becomes w_t (value w_t, derivative w_t grad S_t) and its baseline weight 1 - MB(l_t) becomes 1 - rho_t,
 * as in the seed paper's off-policy DiCE code; LVC keeps the same-time part of the resulting Hessian. With a clip
 * c, rho_t is replaced by min(rho_t, c) and a clipped step passes no derivative (its score is dropped). On-policy
 * loads skip this (w_t = rho_t = 1); the weighted code path multiplies by the weights where the unweighted one
 * does not, so that at ratios of exactly 1 both give the same bits.
 *
 * <h2>Trembling-hand noise</h2>
 * In a noisy game the batch also stores each step's intended joint outcome ({@link TrajectoryBatch#intended()}).
 * A step's cell is then (row, i): the row from the previous <em>executed</em> outcome (the state the agents
 * observed) and i the <em>intended</em> outcome, whose actions the policies drew and whose scores, Hessians and
 * log-probabilities (hence importance ratios: the noise cancels from pi / mu) are used; the reward weight of the
 * step is that of its executed outcome, stepWeight[t * S + j]. This is the likelihood-ratio estimator of the noisy
 * game: the noise does not depend on the logits, so the score of a trajectory is the sum of its intended actions'
 * scores. The backward passes take the scored outcomes as an argument: the intended ones in a noisy game, the
 * executed ones (the same array) otherwise.
 */
final class BatchSurrogate {

    private final int steps;
    /** S = n m joint outcomes, 1 + S rows, (1 + S) S cells (index row * S + j). */
    private final int numOutcomes;
    private final int numRows;
    private final int numCells;
    private final double[] discount;
    /** Rewards by joint outcome, per agent. */
    private final double[][] reward;
    /** The actions and agent 2's own-view state of each cell (agent 1's state is the row). */
    private final int[] cellAction1;
    private final int[] cellAction2;
    private final int[] rowState2;

    /** Per step (index b * T + t), filled only off-policy: cumulative weight w_t, ratio rho_t, derivatives flow. */
    private final double[] weight;
    private final double[] ratio;
    private final boolean[] active;
    /** Number of the loaded trajectories with outcome j at move t: outcomeCount[t * S + j] (mean baseline). */
    private final int[] outcomeCount;
    private boolean countsReady;
    /** Per agent: the reward weight of outcome j at move t, stepWeight[t * S + j] (see the class comment). */
    private final double[][] stepWeight = new double[2][];
    /** Per agent: gamma^t b(row, T - t) at stateTerm[t * (1 + S) + row], used when hasStateTerm. */
    private final double[][] stateTerm = new double[2][];
    private final boolean[] hasStateTerm = new boolean[2];

    /** Per-load scratch: current and behaviour joint log-probabilities by cell. */
    private final double[] cellLogProb;
    private final double[] behaviourLogProb;
    /**
     * Per agent, by cell: the sum over the steps in that cell of G_u - beta_u, the gradient's coefficient and the
     * Hessian term's, which do not depend on v. Computed by the first query after a load or setWeights and reused
     * by every later gradient and Hessian-vector product of the agent (LOLA asks for a gradient and a product of the
     * same batch).
     */
    private final double[][] advantage = new double[2][];
    private final boolean[] advantageReady = new boolean[2];
    /** Per-query scratch: score . v and the accumulated score coefficients of a product, by cell. */
    private final double[] cellDot;
    private final double[] cellScore;
    /** Per-trajectory scratch along v: sigma_t. */
    private final double[] sigma;

    private ScoreTables tables;
    private TrajectoryBatch batch;
    /** The loaded batch's intended outcomes, or null for a batch without them (then they are the outcomes). */
    private int[] intended;
    private int count;
    private boolean offPolicy;

    /**
     * @param game     the game (its discount, rewards and shape; the horizon is {@code steps})
     * @param capacity largest number of trajectories a load may hold
     * @param steps    T, the length of every trajectory
     */
    BatchSurrogate(IteratedGame game, int capacity, int steps) {
        this.steps = steps;
        int n = game.game().numActions(0);
        int m = game.game().numActions(1);
        this.numOutcomes = n * m;
        this.numRows = 1 + numOutcomes;
        this.numCells = numRows * numOutcomes;
        this.discount = new double[steps];
        double d = 1;
        for (int t = 0; t < steps; t++) {
            discount[t] = d;
            d *= game.gamma();
        }
        this.reward = new double[][] {game.game().outcomeRewards(0), game.game().outcomeRewards(1)};
        PolicyLayout layout2 = game.layout(1);
        this.cellAction1 = new int[numCells];
        this.cellAction2 = new int[numCells];
        this.rowState2 = new int[numRows];
        for (int row = 0; row < numRows; row++) {
            rowState2[row] = row == 0 ? 0 : layout2.stateAfter((row - 1) / m, (row - 1) % m);
            for (int j = 0; j < numOutcomes; j++) {
                cellAction1[row * numOutcomes + j] = j / m;
                cellAction2[row * numOutcomes + j] = j % m;
            }
        }
        int size = capacity * steps;
        this.weight = new double[size];
        this.ratio = new double[size];
        this.active = new boolean[size];
        this.outcomeCount = new int[steps * numOutcomes];
        for (int i = 0; i < 2; i++) {
            stepWeight[i] = new double[steps * numOutcomes];
            stateTerm[i] = new double[steps * numRows];
        }
        this.cellLogProb = new double[numCells];
        this.behaviourLogProb = new double[numCells];
        this.cellDot = new double[numCells];
        this.cellScore = new double[numCells];
        this.advantage[0] = new double[numCells];
        this.advantage[1] = new double[numCells];
        this.sigma = new double[steps];
    }

    /**
     * Loads trajectories [0, count) of the batch with the tables of the current parameters.
     *
     * @param offPolicy whether the batch's stored joint log-probabilities are a behaviour policy's (then importance
     *                  weights apply); false means the trajectories were drawn at the current parameters
     * @param clip      the largest per-step ratio (+infinity for none); used only off-policy
     */
    void load(ScoreTables tables, TrajectoryBatch batch, int count, boolean offPolicy, double clip) {
        start(tables, batch, count, offPolicy);
        if (offPolicy) {
            importanceWeights(batch.jointLogProb(), null, clip);
        }
    }

    /**
     * Loads trajectories [0, count) of the batch, all drawn at the parameters of {@code behaviour}, with the tables
     * of the current parameters and importance weights between the two (for a batch that stores no
     * log-probabilities). The weights are those {@link #load} computes from stored log-probabilities of the same
     * behaviour policy, bit for bit.
     */
    void load(ScoreTables tables, ScoreTables behaviour, TrajectoryBatch batch, int count, double clip) {
        start(tables, batch, count, true);
        importanceWeights(null, behaviour, clip);
    }

    private void start(ScoreTables tables, TrajectoryBatch batch, int count, boolean offPolicy) {
        this.tables = tables;
        this.batch = batch;
        this.intended = batch.hasIntended() ? batch.intended() : null;
        this.count = count;
        this.offPolicy = offPolicy;
        this.countsReady = false;
        this.advantageReady[0] = false;
        this.advantageReady[1] = false;
    }

    /**
     * The per-step ratios, weights and clip flags. The behaviour log-probability of a step is read from
     * {@code stored} if not null, else looked up in {@code behaviour}'s tables (the same sum, log mu1 + log mu2).
     */
    private void importanceWeights(double[] stored, ScoreTables behaviour, double clip) {
        cellLogProbabilities(tables, cellLogProb);
        if (stored == null) {
            cellLogProbabilities(behaviour, behaviourLogProb);
        }
        int[] outcome = batch.outcome();
        // The ratio is of the intended actions' probabilities, in the state of the executed history.
        int[] scored = intended != null ? intended : outcome;
        for (int b = 0; b < count; b++) {
            double w = 1.0;
            int prev = -1;
            for (int t = 0; t < steps; t++) {
                int idx = b * steps + t;
                int cell = (1 + prev) * numOutcomes + scored[idx];
                double logMu = stored != null ? stored[idx] : behaviourLogProb[cell];
                double rho = Math.exp(cellLogProb[cell] - logMu);
                boolean flows = true;
                if (rho > clip) {
                    rho = clip;
                    flows = false;
                }
                w *= rho;
                weight[idx] = w;
                ratio[idx] = rho;
                active[idx] = flows;
                prev = outcome[idx];
            }
        }
    }

    /** out[cell] = log pi1(a1 | row) + log pi2(a2 | s2(row)) under the given tables. */
    private void cellLogProbabilities(ScoreTables t, double[] out) {
        int n = t.actions[0];
        int m = t.actions[1];
        for (int row = 0; row < numRows; row++) {
            for (int j = 0; j < numOutcomes; j++) {
                int cell = row * numOutcomes + j;
                out[cell] = t.logProb[0][row * n + cellAction1[cell]] + t.logProb[1][rowState2[row] * m
                        + cellAction2[cell]];
            }
        }
    }

    /**
     * Computes the agent's per-(move, outcome) reward weights and, for a state baseline, its per-(move, row)
     * baseline terms. O(T S) (plus, for the mean baseline, one pass over the outcomes per load).
     *
     * @param baseline the state values for LEARNED and EXACT (ignored otherwise); read here, not retained
     */
    void setWeights(int agent, BaselineKind kind, StateBaseline baseline) {
        advantageReady[agent] = false;
        double[] r = reward[agent];
        double[] sw = stepWeight[agent];
        boolean mean = kind == BaselineKind.MEAN && count > 1;
        if (mean && !countsReady) {
            countOutcomes();
        }
        for (int t = 0; t < steps; t++) {
            double total = 0;   // R_t, the sum of the loaded trajectories' rewards at move t
            if (mean) {
                for (int j = 0; j < numOutcomes; j++) {
                    total += outcomeCount[t * numOutcomes + j] * r[j];
                }
            }
            for (int j = 0; j < numOutcomes; j++) {
                // Leave-one-out: the mean of the other N - 1 trajectories' rewards at this move.
                sw[t * numOutcomes + j] = mean
                        ? discount[t] * (r[j] - (total - r[j]) / (count - 1))
                        : discount[t] * r[j];
            }
        }
        boolean state = kind == BaselineKind.LEARNED || kind == BaselineKind.EXACT;
        hasStateTerm[agent] = state;
        if (state) {
            double[] st = stateTerm[agent];
            for (int t = 0; t < steps; t++) {
                for (int row = 0; row < numRows; row++) {
                    st[t * numRows + row] = discount[t] * baseline.value(agent, row, steps - t);
                }
            }
        }
    }

    /** The histogram of outcomes per move over the loaded trajectories (agent independent, once per load). */
    private void countOutcomes() {
        java.util.Arrays.fill(outcomeCount, 0);
        int[] outcome = batch.outcome();
        for (int b = 0; b < count; b++) {
            int base = b * steps;
            for (int t = 0; t < steps; t++) {
                outcomeCount[t * numOutcomes + outcome[base + t]]++;
            }
        }
        countsReady = true;
    }

    /** The importance-weighted Monte Carlo estimate of V_agent: mean over trajectories of sum_t gamma^t r_t w_t. */
    double value(int agent) {
        double[] r = reward[agent];
        int[] outcome = batch.outcome();
        double total = 0;
        for (int b = 0; b < count; b++) {
            for (int t = 0; t < steps; t++) {
                int idx = b * steps + t;
                double x = discount[t] * r[outcome[idx]];
                total += offPolicy ? x * weight[idx] : x;
            }
        }
        return total / count;
    }

    /** Writes the gradient estimate of V_agent (joint vector, overwritten). */
    void gradient(int agent, double[] out) {
        double[] adv = advantages(agent);
        java.util.Arrays.fill(out, 0.0);
        double inv = 1.0 / count;
        for (int cell = 0; cell < numCells; cell++) {
            addCellScore(cell, adv[cell] * inv, out);
        }
    }

    /**
     * The agent's per-cell sums of G_u - beta_u (see {@link #advantage}), by one backward pass over the trajectories
     * if they are not known yet for this load and these weights.
     */
    private double[] advantages(int agent) {
        double[] adv = advantage[agent];
        if (advantageReady[agent]) {
            return adv;
        }
        java.util.Arrays.fill(adv, 0.0);
        double[] sw = stepWeight[agent];
        double[] st = stateTerm[agent];
        boolean state = hasStateTerm[agent];
        int[] outcome = batch.outcome();
        scoredAdvantages(adv, sw, st, state, outcome, intended != null ? intended : outcome);
        advantageReady[agent] = true;
        return adv;
    }

    /**
     * {@link #advantages}'s backward pass: a step's cell is (row of the previous executed outcome, scored outcome),
     * its reward weight the executed outcome's. {@code scored} is the batch's intended outcomes in a noisy game (see
     * "Trembling-hand noise" in the class comment), else the outcomes themselves.
     */
    private void scoredAdvantages(double[] adv, double[] sw, double[] st, boolean state, int[] outcome,
                                  int[] scored) {
        for (int b = 0; b < count; b++) {
            int base = b * steps;
            double g = 0;
            int j = outcome[base + steps - 1];
            for (int t = steps - 1; t >= 0; t--) {
                int idx = base + t;
                // The row of step t is 1 + the previous outcome, 0 at t = 0 (prev = -1); j, the executed outcome of
                // step t, is carried over from the step after it.
                int prev = t > 0 ? outcome[idx - 1] : -1;
                int row = 1 + prev;
                double omega = sw[t * numOutcomes + j];
                g += offPolicy ? omega * weight[idx] : omega;
                if (!offPolicy || active[idx]) {
                    double a = g;
                    if (state) {
                        double beta = st[t * numRows + row];
                        a -= offPolicy ? beta * ratio[idx] : beta;
                    }
                    adv[row * numOutcomes + scored[idx]] += a;
                }
                j = prev;
            }
        }
    }

    /** Writes the surrogate's Hessian of V_agent times v (joint vectors; out overwritten, v read only). */
    void hessianVectorProduct(Surrogate surrogate, int agent, double[] v, double[] out) {
        boolean dice = surrogate == Surrogate.DICE;
        double[] adv = advantages(agent);
        double[] sw = stepWeight[agent];
        double[] st = stateTerm[agent];
        boolean state = hasStateTerm[agent];
        int[] outcome = batch.outcome();
        for (int cell = 0; cell < numCells; cell++) {
            int row = cell / numOutcomes;
            cellDot[cell] = tables.scoreDot(0, row, cellAction1[cell], v)
                    + tables.scoreDot(1, rowState2[row], cellAction2[cell], v);
        }
        // The score terms, per step: DiCE (Q_u - beta_u d_u), LVC (G_u - beta_u) d_u, with d_u = grad l_u . v; the
        // Hessian terms (G_u - beta_u) h_u v come from the per-cell advantages.
        java.util.Arrays.fill(cellScore, 0.0);
        scoreTerms(dice, sw, st, state, outcome, intended != null ? intended : outcome);
        java.util.Arrays.fill(out, 0.0);
        double inv = 1.0 / count;
        for (int row = 0; row < numRows; row++) {
            double h = 0;
            for (int j = 0; j < numOutcomes; j++) {
                int cell = row * numOutcomes + j;
                addCellScore(cell, cellScore[cell] * inv, out);
                h += adv[cell];
            }
            // h_u depends on the row only: one Hessian product per row and agent.
            tables.addHessianProduct(0, row, v, h * inv, out);
            tables.addHessianProduct(1, rowState2[row], v, h * inv, out);
        }
    }

    /**
     * The score terms of {@link #hessianVectorProduct} into {@link #cellScore}: per trajectory, for DiCE a forward
     * pass sigma_t = sum_{u <= t} grad l_u . v (a clipped step contributes no score), then a backward pass adding
     * G_u (LVC) or Q_u (DiCE) as a suffix sum into the cells' score coefficients. A step's cell is (row of the
     * previous executed outcome, scored outcome), its reward weight the executed outcome's; {@code scored} is the
     * intended outcomes in a noisy game, else the outcomes themselves.
     */
    private void scoreTerms(boolean dice, double[] sw, double[] st, boolean state, int[] outcome, int[] scored) {
        for (int b = 0; b < count; b++) {
            int base = b * steps;
            if (dice) {
                double prefix = 0;
                int prev = -1;
                for (int t = 0; t < steps; t++) {
                    int idx = base + t;
                    if (!offPolicy || active[idx]) {
                        prefix += cellDot[(1 + prev) * numOutcomes + scored[idx]];
                    }
                    sigma[t] = prefix;
                    prev = outcome[idx];
                }
            }
            double suffix = 0;
            int j = outcome[base + steps - 1];
            for (int t = steps - 1; t >= 0; t--) {
                int idx = base + t;
                int prev = t > 0 ? outcome[idx - 1] : -1;
                int row = 1 + prev;
                int cell = row * numOutcomes + scored[idx];
                double omega = sw[t * numOutcomes + j];
                if (offPolicy) {
                    omega *= weight[idx];
                }
                suffix += dice ? omega * sigma[t] : omega;
                j = prev;
                if (offPolicy && !active[idx]) {
                    continue;
                }
                double beta = 0;
                if (state) {
                    beta = st[t * numRows + row];
                    if (offPolicy) {
                        beta *= ratio[idx];
                    }
                }
                double d = cellDot[cell];
                cellScore[cell] += dice ? suffix - beta * d : (suffix - beta) * d;
            }
        }
    }

    /** out += scale * (grad l of the cell): both agents' score vectors. */
    private void addCellScore(int cell, double scale, double[] out) {
        int row = cell / numOutcomes;
        tables.addScore(0, row, cellAction1[cell], scale, out);
        tables.addScore(1, rowState2[row], cellAction2[cell], scale, out);
    }
}
