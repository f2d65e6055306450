package dev.opshape.shaping.estimator;

import dev.opshape.tabular.TabularModel;
import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.sample.TrajectoryBatch;

import java.util.Arrays;

/**
 * A set of stored trajectories with the per-step weights of the sampled surrogates, and the surrogates' exact
 * derivatives at the current parameters, in closed form over per-step score vectors: O(N T) per query plus a small
 * per-query table work, no autodiff graph, no allocation.
 *
 * <h2>Formulas</h2>
 * For one trajectory, with score vectors grad l_u (sparse: each player's logits of the observation it acted on),
 * their Hessians h_u, weights omega_t (c_t = gamma^t r_t, centred by the mean baseline if any, times the importance
 * weight w_t), baseline terms beta_t = gamma^t b(s_t) rho_t and suffix sums G_u = sum_{t &gt;= u} omega_t:
 * <ul>
 *   <li>gradient (every surrogate): sum_u grad l_u (G_u - beta_u);</li>
 *   <li>Hessian times v: sum_u (G_u - beta_u) h_u v plus a score part that each {@link Surrogate} supplies (DiCE's
 *       cross-time terms, LVC's same-time terms).</li>
 * </ul>
 * All are averaged over the N trajectories.
 *
 * <h2>Cells: why the queries touch no score vector per step</h2>
 * A step is fully described by its cell c = s * A + a (state and joint action, see {@link TabularModel}): every
 * player's observation, action, score vector and Hessian, and the reward, follow from it. Each sum above is a sum
 * over steps of a scalar coefficient times a vector that depends on the cell only, so the passes add the scalar into
 * a table of S * A cells, and the table is expanded into logit space once per query. Likewise grad l_u . v is looked
 * up per cell. A pass thus costs a few arithmetic operations per step, whatever the number of logits; the batch needs
 * to store only the cell of each step (a compact {@link TrajectoryBatch}). The per-cell sums of G_u - beta_u are both
 * the gradient's coefficients and those of the Hessian terms h_u v, and do not depend on v: one backward pass per load
 * and player computes them for every later gradient and product.
 *
 * <p>The per-step reward weight depends only on (t, c): gamma^t r(c), and with the mean baseline
 * gamma^t (r(c) - (R_t - r(c)) / (N - 1)) where R_t = sum_b r_{b,t} comes from a histogram of cells per move. So each
 * player's weights are a T x C table (and a state baseline a T x S table), computed in {@link #setWeights} in O(T C),
 * not per step.
 *
 * <h2>Off-policy weighting</h2>
 * For trajectories drawn by behaviour policies mu, the per-step ratio rho_t = pi(a_t | s_t) / mu(a_t | s_t) (every
 * player's action) and the cumulative per-decision weight w_t = rho_0 ... rho_t replace the magic boxes: DiCE's
 * MB(S_t) becomes w_t (value w_t, derivative w_t grad S_t) and its baseline weight 1 - MB(l_t) becomes 1 - rho_t, as in
 * the seed paper's off-policy DiCE code; LVC keeps the same-time part of the resulting Hessian. With a clip c, rho_t is
 * replaced by min(rho_t, c) and a clipped step passes no derivative (its score is dropped). On-policy loads skip this
 * (w_t = rho_t = 1); the weighted code path multiplies by the weights where the unweighted one does not, so that at
 * ratios of exactly 1 both give the same bits.
 *
 * <h2>Trembling-hand noise</h2>
 * In a noisy problem the batch also stores each step's intended cell ({@link TrajectoryBatch#intendedCell()}): the
 * cell whose actions the policies drew. Scores, Hessians and log-probabilities (hence importance ratios: the noise
 * cancels from pi / mu) are those of the intended cell; the reward weight and the baseline's state are those of the
 * executed cell. This is the likelihood-ratio estimator of the noisy problem: the noise does not depend on the
 * logits, so the score of a trajectory is the sum of its intended actions' scores.
 */
final class BatchSurrogate {

    /** T, and the model's states S, joint actions A and cells C = S * A. */
    private final int steps;
    private final int numStates;
    private final int numJoint;
    private final int numCells;
    private final int numPlayers;
    private final double[] discount;
    /** Rewards by cell, per player. */
    private final double[][] reward;
    /** The state of each cell, and each player's observation and action in it. */
    private final int[] cellState;
    private final int[][] cellObservation;
    private final int[][] cellAction;
    /** Each player's observation in each state. */
    private final int[][] stateObservation;

    /** Per step (index b * T + t), filled only off-policy: cumulative weight w_t, ratio rho_t, derivatives flow. */
    private final double[] weight;
    private final double[] ratio;
    private final boolean[] active;
    /** Number of the loaded trajectories in cell c at move t: cellCount[t * C + c] (mean baseline). */
    private final int[] cellCount;
    private boolean countsReady;
    /** Per player: the reward weight of cell c at move t, stepWeight[t * C + c] (see the class comment). */
    private final double[][] stepWeight;
    /** Per player: gamma^t b(s, T - t) at stateTerm[t * S + s], used when hasStateTerm. */
    private final double[][] stateTerm;
    private final boolean[] hasStateTerm;

    /** Per-load scratch: current and behaviour joint log-probabilities by cell. */
    private final double[] cellLogProb;
    private final double[] behaviourLogProb;
    /**
     * Per player, by cell: the sum over the steps in that cell of G_u - beta_u, the gradient's coefficient and the
     * Hessian term's, which do not depend on v. Computed by the first query after a load or setWeights and reused by
     * every later gradient and Hessian-vector product of the player.
     */
    private final double[][] advantage;
    private final boolean[] advantageReady;
    /** Per-query scratch: score . v and the accumulated score coefficients of a product, by cell. */
    private final double[] cellDot;
    private final double[] cellScore;
    /** The reusable view of the loaded trajectories that every pass reads. */
    private final ScorePass pass;

    private ScoreTables tables;
    private TrajectoryBatch batch;
    /** The loaded batch's scored cells: the intended ones if it has them, else the cells themselves. */
    private int[] scored;
    private int count;
    private boolean offPolicy;
    /** Kish's effective sample size of the loaded trajectories' final importance weights (count on-policy). */
    private double effectiveSize;

    /**
     * @param problem  the problem (its discount, rewards and shape; the horizon is {@code steps})
     * @param capacity largest number of trajectories a load may hold
     * @param steps    T, the length of every trajectory
     */
    BatchSurrogate(TabularProblem problem, int capacity, int steps) {
        TabularModel model = problem.model();
        this.steps = steps;
        this.numStates = model.numStates();
        this.numJoint = model.numJointActions();
        this.numCells = model.numCells();
        this.numPlayers = model.numPlayers();
        this.discount = new double[steps];
        double d = 1;
        for (int t = 0; t < steps; t++) {
            discount[t] = d;
            d *= problem.gamma();
        }
        this.reward = new double[numPlayers][];
        this.cellState = new int[numCells];
        this.cellObservation = new int[numPlayers][numCells];
        this.cellAction = new int[numPlayers][numCells];
        this.stateObservation = new int[numPlayers][];
        for (int i = 0; i < numPlayers; i++) {
            reward[i] = model.rewards(i);
            stateObservation[i] = model.player(i).observationTable();
        }
        for (int c = 0; c < numCells; c++) {
            int s = c / numJoint;
            cellState[c] = s;
            for (int i = 0; i < numPlayers; i++) {
                cellObservation[i][c] = stateObservation[i][s];
                cellAction[i][c] = model.action(i, c % numJoint);
            }
        }
        int size = capacity * steps;
        this.weight = new double[size];
        this.ratio = new double[size];
        this.active = new boolean[size];
        this.cellCount = new int[steps * numCells];
        this.stepWeight = new double[numPlayers][steps * numCells];
        this.stateTerm = new double[numPlayers][steps * numStates];
        this.hasStateTerm = new boolean[numPlayers];
        this.cellLogProb = new double[numCells];
        this.behaviourLogProb = new double[numCells];
        this.cellDot = new double[numCells];
        this.cellScore = new double[numCells];
        this.advantage = new double[numPlayers][numCells];
        this.advantageReady = new boolean[numPlayers];
        this.pass = new ScorePass(steps, numCells, numStates, cellState, weight, ratio, active);
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
        this.scored = batch.hasIntended() ? batch.intendedCell() : batch.cell();
        this.count = count;
        this.offPolicy = offPolicy;
        this.effectiveSize = count;
        this.countsReady = false;
        Arrays.fill(advantageReady, false);
    }

    /**
     * The per-step ratios, weights and clip flags. The behaviour log-probability of a step is read from
     * {@code stored} if not null, else looked up in {@code behaviour}'s tables (the same sum over players).
     */
    private void importanceWeights(double[] stored, ScoreTables behaviour, double clip) {
        cellLogProbabilities(tables, cellLogProb);
        if (stored == null) {
            cellLogProbabilities(behaviour, behaviourLogProb);
        }
        double sum = 0;
        double sumSquares = 0;
        for (int b = 0; b < count; b++) {
            double w = 1.0;
            for (int t = 0; t < steps; t++) {
                int idx = b * steps + t;
                // The ratio is of the intended actions' probabilities, in the state of the executed history.
                int c = scored[idx];
                double logMu = stored != null ? stored[idx] : behaviourLogProb[c];
                double rho = Math.exp(cellLogProb[c] - logMu);
                boolean flows = true;
                if (rho > clip) {
                    rho = clip;
                    flows = false;
                }
                w *= rho;
                weight[idx] = w;
                ratio[idx] = rho;
                active[idx] = flows;
            }
            sum += w;
            sumSquares += w * w;
        }
        effectiveSize = sumSquares > 0 ? sum * sum / sumSquares : 0.0;
    }

    /**
     * Kish's effective sample size (sum_b w_b)^2 / sum_b w_b^2 of the loaded trajectories, w_b the importance weight
     * of trajectory b's whole history (its last move's cumulative weight, the most dispersed of its weights): the
     * number of on-policy trajectories the weighted set is worth. The trajectory count on-policy; 0 if every weight
     * is 0.
     */
    double effectiveSampleSize() {
        return effectiveSize;
    }

    /** out[cell] = sum_i log pi_i(a_i | o_i(s)) under the given tables (player 0's term first). */
    private void cellLogProbabilities(ScoreTables t, double[] out) {
        for (int c = 0; c < numCells; c++) {
            double sum = t.logProb[0][cellObservation[0][c] * t.actions[0] + cellAction[0][c]];
            for (int i = 1; i < numPlayers; i++) {
                sum += t.logProb[i][cellObservation[i][c] * t.actions[i] + cellAction[i][c]];
            }
            out[c] = sum;
        }
    }

    /**
     * Computes the player's per-(move, cell) reward weights and, for a state baseline, its per-(move, state)
     * baseline terms. O(T C) (plus, for the mean baseline, one pass over the cells per load).
     *
     * @param baseline the state values of a {@linkplain BaselineKind#isStateBaseline state baseline} (ignored
     *                 otherwise); read here, not retained
     */
    void setWeights(int player, BaselineKind kind, StateBaseline baseline) {
        advantageReady[player] = false;
        double[] r = reward[player];
        double[] sw = stepWeight[player];
        boolean mean = kind == BaselineKind.MEAN && count > 1;
        if (mean && !countsReady) {
            countCells();
        }
        for (int t = 0; t < steps; t++) {
            double total = 0;   // R_t, the sum of the loaded trajectories' rewards at move t
            if (mean) {
                for (int c = 0; c < numCells; c++) {
                    total += cellCount[t * numCells + c] * r[c];
                }
            }
            for (int c = 0; c < numCells; c++) {
                // Leave-one-out: the mean of the other N - 1 trajectories' rewards at this move.
                sw[t * numCells + c] = mean
                        ? discount[t] * (r[c] - (total - r[c]) / (count - 1))
                        : discount[t] * r[c];
            }
        }
        boolean state = kind.isStateBaseline();
        hasStateTerm[player] = state;
        if (state) {
            double[] st = stateTerm[player];
            for (int t = 0; t < steps; t++) {
                for (int s = 0; s < numStates; s++) {
                    st[t * numStates + s] = discount[t] * baseline.value(player, s, steps - t);
                }
            }
        }
    }

    /** The histogram of cells per move over the loaded trajectories (player independent, once per load). */
    private void countCells() {
        Arrays.fill(cellCount, 0);
        int[] cell = batch.cell();
        for (int b = 0; b < count; b++) {
            int base = b * steps;
            for (int t = 0; t < steps; t++) {
                cellCount[t * numCells + cell[base + t]]++;
            }
        }
        countsReady = true;
    }

    /**
     * Replaces the player's rewards by cell (checked by the caller; copied). The weights follow at the next
     * {@link #setWeights}, which every load is followed by.
     */
    void setRewards(int player, double[] byCell) {
        System.arraycopy(byCell, 0, reward[player], 0, byCell.length);
        advantageReady[player] = false;
    }

    /**
     * Writes (1/N) sum_b sum_t gamma^t w_t [c_t = c] sum_{u &lt;= t} (grad l_u . v) for every executed cell c
     * (length C, overwritten): see {@link SampledEstimator#cellVisitsDirectional}. The score products are of the
     * scored (intended) cells; a clipped step adds no score.
     */
    void cellVisitsDirectional(double[] v, double[] out) {
        fillCellDots(v);
        Arrays.fill(out, 0.0);
        int[] cell = batch.cell();
        for (int b = 0; b < count; b++) {
            double score = 0;
            for (int t = 0; t < steps; t++) {
                int idx = b * steps + t;
                if (!offPolicy || active[idx]) {
                    score += cellDot[scored[idx]];
                }
                double x = discount[t] * score;
                out[cell[idx]] += offPolicy ? x * weight[idx] : x;
            }
        }
        double inv = 1.0 / count;
        for (int c = 0; c < numCells; c++) {
            out[c] *= inv;
        }
    }

    /** cellDot[c] = grad l(c) . v, the sum over players of the cell's score products. */
    private void fillCellDots(double[] v) {
        for (int c = 0; c < numCells; c++) {
            double dot = tables.scoreDot(0, cellObservation[0][c], cellAction[0][c], v);
            for (int i = 1; i < numPlayers; i++) {
                dot += tables.scoreDot(i, cellObservation[i][c], cellAction[i][c], v);
            }
            cellDot[c] = dot;
        }
    }

    /** The importance-weighted Monte Carlo estimate of V_player: mean over trajectories of sum_t gamma^t r_t w_t. */
    double value(int player) {
        double[] r = reward[player];
        int[] cell = batch.cell();
        double total = 0;
        for (int b = 0; b < count; b++) {
            for (int t = 0; t < steps; t++) {
                int idx = b * steps + t;
                double x = discount[t] * r[cell[idx]];
                total += offPolicy ? x * weight[idx] : x;
            }
        }
        return total / count;
    }

    /** Writes the gradient estimate of V_player (joint vector, overwritten). */
    void gradient(int player, double[] out) {
        double[] adv = advantages(player);
        Arrays.fill(out, 0.0);
        double inv = 1.0 / count;
        for (int c = 0; c < numCells; c++) {
            addCellScore(c, adv[c] * inv, out);
        }
    }

    /**
     * The player's per-cell sums of G_u - beta_u (see {@link #advantage}), by one backward pass over the trajectories
     * if they are not known yet for this load and these weights. A step's cell for the sum is its scored cell, its
     * reward weight and baseline state the executed cell's.
     */
    private double[] advantages(int player) {
        double[] adv = advantage[player];
        if (advantageReady[player]) {
            return adv;
        }
        Arrays.fill(adv, 0.0);
        ScorePass p = aim(player);
        int[] cell = p.cell;
        for (int b = 0; b < count; b++) {
            int base = b * steps;
            double g = 0;
            for (int t = steps - 1; t >= 0; t--) {
                int idx = base + t;
                int c = cell[idx];
                g += p.omega(t, idx, c);
                if (p.flows(idx)) {
                    adv[scored[idx]] += g - p.beta(t, idx, c);
                }
            }
        }
        advantageReady[player] = true;
        return adv;
    }

    /** The pass over the loaded trajectories with the player's weights. */
    private ScorePass aim(int player) {
        return pass.aim(count, batch.cell(), scored, offPolicy, stepWeight[player], stateTerm[player],
                hasStateTerm[player]);
    }

    /** Writes the surrogate's Hessian of V_player times v (joint vectors; out overwritten, v read only). */
    void hessianVectorProduct(Surrogate surrogate, int player, double[] v, double[] out) {
        double[] adv = advantages(player);
        fillCellDots(v);
        Arrays.fill(cellScore, 0.0);
        surrogate.addScoreTerms(aim(player), cellDot, cellScore);
        Arrays.fill(out, 0.0);
        double inv = 1.0 / count;
        for (int s = 0; s < numStates; s++) {
            double h = 0;
            for (int a = 0; a < numJoint; a++) {
                int c = s * numJoint + a;
                addCellScore(c, cellScore[c] * inv, out);
                h += adv[c];
            }
            // h_u depends on the state only (through the observations): one Hessian product per state and player.
            for (int i = 0; i < numPlayers; i++) {
                tables.addHessianProduct(i, stateObservation[i][s], v, h * inv, out);
            }
        }
    }

    /** out += scale * (grad l of the cell): every player's score vector. */
    private void addCellScore(int c, double scale, double[] out) {
        for (int i = 0; i < numPlayers; i++) {
            tables.addScore(i, cellObservation[i][c], cellAction[i][c], scale, out);
        }
    }
}
