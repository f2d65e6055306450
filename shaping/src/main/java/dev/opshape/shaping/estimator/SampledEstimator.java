package dev.opshape.shaping.estimator;

import dev.opshape.games.IteratedGame;
import dev.opshape.games.exact.ExactEvaluator;
import dev.opshape.games.sample.TrajectoryBatch;
import dev.opshape.games.sample.TrajectorySampler;

/**
 * A {@link GradientEstimator} from sampled trajectories: at each {@link #setPoint} it draws B fresh trajectories of
 * T moves at the point, from the Philox streams (seed, stream, trajectory b), and answers every query from the
 * DiCE or LVC surrogate of that batch (or, with a replay buffer, of the whole buffer with importance weights). See
 * {@link BatchSurrogate} for the formulas. The estimates are of the T-move value (the game's horizon is replaced by
 * the spec's T). A workspace: allocation happens in the constructor only.
 *
 * <p>The trajectories are kept in a compact {@link TrajectoryBatch} (one outcome per step), which is all the
 * surrogate reads; with a replay buffer also the behaviour log-probability of each step, since the buffer mixes
 * trajectories drawn at different points. Without one, every held trajectory was drawn at the last setPoint's
 * parameters, whose tables are kept and give the behaviour policy when {@link #revisit} re-weights the batch.
 *
 * <p>In a game with trembling-hand noise the trajectories are the noisy game's (the sampler executes the trembles)
 * and the batch also keeps the intended outcome of each step: scores, log-probabilities and importance ratios are
 * those of the intended actions, rewards, states and baselines those of the executed outcomes (see
 * {@link BatchSurrogate}), so the estimates are of the noisy game's T-move value and stay unbiased where they are
 * without noise. The exact baseline is the noisy game's (the evaluator is built for the same game). Without noise
 * the batch holds no intended outcomes and nothing changes.
 */
public final class SampledEstimator implements GradientEstimator {

    private final SampledEstimatorSpec spec;
    private final IteratedGame game;
    private final int dim1;
    private final int dim;
    private final TrajectorySampler sampler;
    /** The tables at the point of the last setPoint (the behaviour policy of an on-policy batch) and at a revisit. */
    private final ScoreTables tables;
    private final ScoreTables revisited;
    private final TrajectoryBatch trajectories;
    private final BatchSurrogate surrogate;
    private final ExactEvaluator exact;
    private final LearnedBaseline learned;
    /** The baseline the surrogate reads, or null (fixed at construction so that setPoint allocates nothing). */
    private final StateBaseline baseline;
    private int filled;
    private int head;

    /**
     * @param game a game with finite horizon T (the spec's), with or without trembling-hand noise
     * @param spec the estimator's configuration
     */
    SampledEstimator(IteratedGame game, SampledEstimatorSpec spec) {
        this.spec = spec;
        this.game = game;
        this.dim1 = game.dimension(0);
        this.dim = game.jointDimension();
        this.sampler = new TrajectorySampler(game);
        this.tables = new ScoreTables(game);
        this.revisited = new ScoreTables(game);
        int capacity = spec.buffer() > 0 ? spec.buffer() : spec.batch();
        // Outcomes only (all the surrogate reads); the behaviour log-probabilities only where trajectories drawn at
        // different points share the buffer. An on-policy batch comes from one point, whose tables stand in for them.
        // The intended outcomes only in a noisy game, the only one where they differ from the executed ones.
        this.trajectories = TrajectoryBatch.compact(capacity, spec.horizon(), spec.buffer() > 0, game.isNoisy());
        this.surrogate = new BatchSurrogate(game, capacity, spec.horizon());
        this.exact = spec.baseline() == BaselineKind.EXACT ? ExactEvaluator.create(game) : null;
        this.learned = spec.baseline() == BaselineKind.LEARNED
                ? new LearnedBaseline(game, spec.horizon()) : null;
        this.baseline = exact != null ? exact::stateValue : learned;
    }

    /** The configuration. */
    public SampledEstimatorSpec spec() {
        return spec;
    }

    @Override
    public int dimension1() {
        return dim1;
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public void setPoint(double[] theta1, double[] theta2, long seed, long stream) {
        int batch = spec.batch();
        // The fresh trajectories occupy [from, to) and, when the ring wraps, [0, wrapped).
        int from = 0;
        int to = batch;
        int wrapped = 0;
        if (spec.buffer() == 0) {
            sampler.sample(theta1, theta2, seed, stream, trajectories, 0, batch);
            filled = batch;
        } else {
            // FIFO ring: the B fresh trajectories overwrite the oldest ones (slot index = trajectory counter).
            int capacity = spec.buffer();
            from = head;
            to = Math.min(head + batch, capacity);
            wrapped = head + batch - to;
            sampler.sample(theta1, theta2, seed, stream, trajectories, from, to);
            if (wrapped > 0) {
                sampler.sample(theta1, theta2, seed, stream, trajectories, 0, wrapped);
            }
            head = (head + batch) % capacity;
            filled = Math.min(filled + batch, capacity);
        }
        tables.load(theta1, theta2);
        surrogate.load(tables, trajectories, filled, spec.buffer() > 0, spec.clip());
        if (exact != null) {
            exact.setPoint(theta1, theta2);
        }
        surrogate.setWeights(0, spec.baseline(), baseline);
        surrogate.setWeights(1, spec.baseline(), baseline);
        if (learned != null) {
            // Fit on the fresh trajectories only after they were used, so no estimate sees its own fit.
            learned.fit(trajectories, from, to, wrapped);
        }
    }

    @Override
    public void revisit(double[] theta1, double[] theta2) {
        if (filled == 0) {
            throw new IllegalStateException("revisit needs samples: call setPoint first");
        }
        revisited.load(theta1, theta2);
        // The held trajectories were drawn elsewhere (or here): weight them by pi / mu either way. Without a buffer
        // they were all drawn at the last setPoint's parameters, whose tables give mu.
        if (spec.buffer() > 0) {
            surrogate.load(revisited, trajectories, filled, true, spec.clip());
        } else {
            surrogate.load(revisited, tables, trajectories, filled, spec.clip());
        }
        if (exact != null) {
            exact.setPoint(theta1, theta2);
        }
        surrogate.setWeights(0, spec.baseline(), baseline);
        surrogate.setWeights(1, spec.baseline(), baseline);
    }

    @Override
    public void reset() {
        filled = 0;
        head = 0;
        if (learned != null) {
            learned.clear();
        }
    }

    @Override
    public double value(int agent) {
        return surrogate.value(agent);
    }

    @Override
    public void gradient(int agent, double[] out) {
        surrogate.gradient(agent, out);
    }

    @Override
    public void hessianVectorProduct(int agent, double[] v, double[] out) {
        surrogate.hessianVectorProduct(spec.surrogate(), agent, v, out);
    }

    @Override
    public boolean isExact() {
        return false;
    }

    /** The game whose T-move value is estimated. */
    public IteratedGame game() {
        return game;
    }
}
