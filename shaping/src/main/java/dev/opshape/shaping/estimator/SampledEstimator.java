package dev.opshape.shaping.estimator;

import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.tabular.policy.ParameterLayout;
import dev.opshape.tabular.sample.TrajectoryBatch;
import dev.opshape.tabular.sample.TrajectorySampler;

/**
 * A {@link GradientEstimator} from sampled trajectories: at each {@link #setPoint} it draws B fresh trajectories of
 * T moves at the point, from the Philox streams (seed, stream, trajectory b), and answers every query from the
 * DiCE or LVC surrogate of that batch (or, with a replay buffer, of the whole buffer with importance weights). See
 * {@link BatchSurrogate} for the formulas. The estimates are of the T-move value (the problem's horizon is replaced by
 * the spec's T). A workspace: allocation happens in the constructor only.
 *
 * <p>The trajectories are kept in a compact {@link TrajectoryBatch} (one cell per step), which is all the
 * surrogate reads; with a replay buffer also the behaviour log-probability of each step, since the buffer mixes
 * trajectories drawn at different points. Without one, every held trajectory was drawn at the last setPoint's
 * parameters, whose tables are kept and give the behaviour policy when {@link #revisit} re-weights the batch.
 *
 * <p>In a problem with trembling-hand noise the trajectories are the noisy problem's (the sampler executes the
 * trembles) and the batch also keeps the intended cell of each step: scores, log-probabilities and importance ratios
 * are those of the intended actions, rewards, states and baselines those of the executed cells (see
 * {@link BatchSurrogate}), so the estimates are of the noisy problem's T-move value and stay unbiased where they are
 * without noise. The exact baseline is the noisy problem's (the evaluator is built for the same problem). Without
 * noise the batch holds no intended cells and nothing changes.
 */
public final class SampledEstimator implements GradientEstimator {

    private final SampledEstimatorSpec spec;
    private final TabularProblem problem;
    private final TrajectorySampler sampler;
    /** The tables at the point of the last setPoint (the behaviour policy of an on-policy batch) and at a revisit. */
    private final ScoreTables tables;
    private final ScoreTables revisited;
    /** The on-policy batch, or the replay buffer's trajectories (another estimator's once shared). */
    private TrajectoryBatch trajectories;
    /** The replay buffer, null on-policy; possibly shared with other estimators (see {@link #shareReplay}). */
    private ReplayBuffer replay;
    private final BatchSurrogate surrogate;
    private final ExactEvaluator exact;
    private final LearnedBaseline learned;
    private final NoisyBaseline noisy;
    /** The baseline the surrogate reads, or null (fixed at construction so that setPoint allocates nothing). */
    private final StateBaseline baseline;
    /** Trajectories held by the on-policy batch (B after the first setPoint). */
    private int filled;

    /**
     * @param problem a problem with finite horizon T (the spec's), with or without trembling-hand noise
     * @param spec    the estimator's configuration
     */
    SampledEstimator(TabularProblem problem, SampledEstimatorSpec spec) {
        this.spec = spec;
        this.problem = problem;
        this.sampler = new TrajectorySampler(problem);
        this.tables = new ScoreTables(problem);
        this.revisited = new ScoreTables(problem);
        int capacity = spec.buffer() > 0 ? spec.buffer() : spec.batch();
        // Outcomes only (all the surrogate reads); the behaviour log-probabilities only where trajectories drawn at
        // different points share the buffer. An on-policy batch comes from one point, whose tables stand in for them.
        // The intended cells only in a noisy problem, the only one where they differ from the executed ones.
        if (spec.buffer() > 0) {
            this.replay = new ReplayBuffer(capacity, spec.horizon(), problem.isNoisy());
            this.trajectories = replay.trajectories();
        } else {
            this.trajectories = TrajectoryBatch.compact(capacity, spec.horizon(), false, problem.isNoisy());
        }
        this.surrogate = new BatchSurrogate(problem, capacity, spec.horizon());
        BaselineKind kind = spec.baseline();
        this.exact = kind == BaselineKind.EXACT || kind == BaselineKind.NOISY ? problem.newEvaluator() : null;
        this.learned = kind == BaselineKind.LEARNED ? new LearnedBaseline(problem, spec.horizon()) : null;
        this.noisy = kind == BaselineKind.NOISY ? new NoisyBaseline(exact, spec.horizon(), spec.noise()) : null;
        if (noisy != null) {
            this.baseline = noisy;
        } else {
            this.baseline = exact != null ? exact::stateValue : learned;
        }
    }

    /** The configuration. */
    public SampledEstimatorSpec spec() {
        return spec;
    }

    @Override
    public ParameterLayout layout() {
        return problem.layout();
    }

    @Override
    public void setPoint(double[] theta, long seed, long stream) {
        int batch = spec.batch();
        // The fresh trajectories occupy [from, to) and, when the ring wraps, [0, wrapped).
        int from = 0;
        int to = batch;
        int wrapped = 0;
        if (replay == null) {
            sampler.sample(theta, seed, stream, trajectories, 0, batch);
            filled = batch;
        } else {
            // FIFO ring: the B fresh trajectories overwrite the oldest ones (slot index = trajectory key).
            replay.push(sampler, theta, seed, stream, batch);
            from = replay.lastFrom();
            to = replay.lastTo();
            wrapped = replay.lastWrapped();
            filled = replay.filled();
        }
        tables.load(theta);
        surrogate.load(tables, trajectories, filled, replay != null, spec.clip());
        if (exact != null) {
            exact.setPoint(theta);
        }
        if (noisy != null) {
            noisy.draw(seed, stream);
        }
        for (int player = 0; player < problem.model().numPlayers(); player++) {
            surrogate.setWeights(player, spec.baseline(), baseline);
        }
        if (learned != null) {
            // Fit on the fresh trajectories only after they were used, so no estimate sees its own fit.
            learned.fit(trajectories, from, to, wrapped);
        }
    }

    @Override
    public void revisit(double[] theta) {
        if (replay != null) {
            // A shared buffer may have grown since this estimator's last setPoint: revisit all of it.
            filled = replay.filled();
        }
        if (filled == 0) {
            throw new IllegalStateException("revisit needs samples: call setPoint first");
        }
        revisited.load(theta);
        // The held trajectories were drawn elsewhere (or here): weight them by pi / mu either way. Without a buffer
        // they were all drawn at the last setPoint's parameters, whose tables give mu.
        if (replay != null) {
            surrogate.load(revisited, trajectories, filled, true, spec.clip());
        } else {
            surrogate.load(revisited, tables, trajectories, filled, spec.clip());
        }
        if (exact != null) {
            exact.setPoint(theta);
        }
        if (noisy != null) {
            noisy.rescale();
        }
        for (int player = 0; player < problem.model().numPlayers(); player++) {
            surrogate.setWeights(player, spec.baseline(), baseline);
        }
    }

    @Override
    public void reset() {
        filled = 0;
        if (replay != null) {
            replay.clear();
        }
        if (learned != null) {
            learned.clear();
        }
    }

    @Override
    public boolean awaitsPrefill() {
        return spec.prefill() > 0 && replay != null && replay.isEmpty();
    }

    /**
     * Draws the spec's {@code prefill} batches (prefill x B trajectories) at theta into the empty buffer. The learned
     * baseline, if any, is fitted on them, as on every fresh batch after its use.
     *
     * @throws IllegalStateException if the buffer is not empty or the spec pre-fills nothing
     */
    @Override
    public void prefill(double[] theta, long seed, long stream) {
        if (!awaitsPrefill()) {
            throw new IllegalStateException("prefill needs an empty replay buffer and prefill > 0 in the spec");
        }
        replay.push(sampler, theta, seed, stream, spec.prefill() * spec.batch());
        if (learned != null) {
            learned.fit(trajectories, replay.lastFrom(), replay.lastTo(), replay.lastWrapped());
        }
    }

    /**
     * Draws the spec's {@code prefill} batches along a path into the empty buffer: batch j at
     * points[max(0, n - prefill + j)], consecutive slots of one stream (so every trajectory has its own key); the
     * learned baseline, if any, is fitted after each batch.
     *
     * @throws IllegalStateException    if the buffer is not empty or the spec pre-fills nothing
     * @throws IllegalArgumentException if there are no points
     */
    @Override
    public void prefill(double[][] points, long seed, long stream) {
        if (!awaitsPrefill()) {
            throw new IllegalStateException("prefill needs an empty replay buffer and prefill > 0 in the spec");
        }
        if (points.length == 0) {
            throw new IllegalArgumentException("a pre-fill path needs at least one point");
        }
        int batches = spec.prefill();
        for (int j = 0; j < batches; j++) {
            replay.push(sampler, points[Math.max(0, points.length - batches + j)], seed, stream, spec.batch());
            if (learned != null) {
                // As in training: the table moves once per batch, after the batch was drawn.
                learned.fit(trajectories, replay.lastFrom(), replay.lastTo(), replay.lastWrapped());
            }
        }
    }

    /**
     * Shares {@code owner}'s buffer if both are sampled estimators with buffers of the same capacity over the same
     * problem shape and trajectory length, and this one's buffer is still empty (nothing it holds is lost).
     */
    @Override
    public boolean shareReplay(GradientEstimator owner) {
        if (!(owner instanceof SampledEstimator other) || other == this || replay == null || other.replay == null
                || !replay.isEmpty()
                || !other.replay.fits(replay.capacity(), spec.horizon(), problem.isNoisy())
                || other.problem.model().numCells() != problem.model().numCells()
                || other.problem.model().numStates() != problem.model().numStates()) {
            return false;
        }
        replay = other.replay;
        trajectories = replay.trajectories();
        filled = replay.filled();
        return true;
    }

    @Override
    public double effectiveSampleSize() {
        return surrogate.effectiveSampleSize();
    }

    @Override
    public double value(int player) {
        return surrogate.value(player);
    }

    @Override
    public void gradient(int player, double[] out) {
        surrogate.gradient(player, out);
    }

    @Override
    public void hessianVectorProduct(int player, double[] v, double[] out) {
        surrogate.hessianVectorProduct(spec.surrogate(), player, v, out);
    }

    /**
     * See {@link GradientEstimator#setRewards}: the surrogate's reward weights, the exact (or noisy) baseline's
     * evaluator and the learned baseline's fit use the new rewards from the next setPoint on.
     */
    @Override
    public void setRewards(int player, double[] byCell) {
        if (exact != null) {
            exact.setRewards(player, byCell);
        } else {
            // The evaluator validates for the exact baselines; without one, the same checks here.
            ExactEvaluator.checkRewards(problem.model(), player, byCell);
        }
        surrogate.setRewards(player, byCell);
        if (learned != null) {
            learned.setRewards(player, byCell);
        }
    }

    /**
     * The estimate of grad D(c) . v from the loaded batch, (1/N) sum_b sum_t gamma^t w_t [c_t = c] sum_{u &lt;= t}
     * (grad l_u . v), with w_t the importance weight off-policy (1 on-policy) and l_u the log-probability of every
     * player's intended actions of step u (a clipped step passes none): the derivative of the DiCE estimate of the
     * value under the reward of cell c alone. Unbiased on-policy, like every score-function gradient.
     */
    @Override
    public void cellVisitsDirectional(double[] v, double[] out) {
        surrogate.cellVisitsDirectional(v, out);
    }

    @Override
    public boolean isExact() {
        return false;
    }

    /** The problem whose T-move value is estimated. */
    public TabularProblem problem() {
        return problem;
    }
}
