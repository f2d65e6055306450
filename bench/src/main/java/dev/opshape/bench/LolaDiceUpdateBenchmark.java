package dev.opshape.bench;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.estimator.BaselineKind;
import dev.opshape.shaping.estimator.GradientEstimator;
import dev.opshape.shaping.estimator.SampledEstimatorSpec;
import dev.opshape.shaping.estimator.Surrogates;
import dev.opshape.shaping.learner.Learner;
import dev.opshape.shaping.learner.LookaheadLola;
import dev.opshape.shaping.learner.UpdateKey;
import dev.opshape.tabular.sample.PhiloxStream;
import dev.opshape.tabular.sample.TrajectoryBatch;
import dev.opshape.tabular.sample.TrajectorySampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The sampled LOLA-DiCE hot path on the IPD (gamma = 0.96), at the LOLA-DiCE defaults: DiCE surrogate, batch
 * B = 128, trajectories of T = 150 moves, per-move mean baseline, on-policy, one thread.
 *
 * <ul>
 *   <li>{@code update}: one full LOLA-DiCE update of BOTH agents, {@code LookaheadLola} with K = 1 and each
 *       lookahead step's products sharing its batch (the original LOLA-DiCE scheme), exactly as training calls it:
 *       per agent, one inner batch drawn at the current point and used for the opponent's gradient and one
 *       Hessian-vector product (mixed and own-block products of the backward pass), and one outer batch drawn at
 *       the looked-ahead point for the agent's own gradient. Four batches (76,800 moves) are sampled per
 *       operation; sampling is included.</li>
 *   <li>{@code sampleCompactBatch}: the sampler alone, drawing one batch into a compact (outcomes-only) batch, the
 *       storage the estimators use;</li>
 *   <li>{@code randomWordsOfOneBatch}: only the random numbers of one batch, the 2T Philox words of each of the B
 *       trajectories (the floor under sampling: the moves must consume exactly these);</li>
 *   <li>{@code setPoint}: drawing one batch and preparing it for queries ({@code GradientEstimator.setPoint});</li>
 *   <li>{@code setPointAndGradient}: the same and one gradient (how LOLA uses its outer batch); the difference to
 *       {@code setPoint} is the gradient's backward pass over the batch;</li>
 *   <li>{@code hessianVectorProductFixedBatch}: one DiCE Hessian-vector product of agent 2's value on a batch drawn
 *       once at set-up, along a direction (0, v) that changes on every operation, as LOLA's backward pass asks for it.
 *       Its v-independent part (the per-cell advantages, the same pass as the gradient's) is computed once per batch
 *       by whichever query comes first, in LOLA the gradient of the same batch; so this measures what a product adds:
 *       the score . v table, a forward and a backward pass and the expansion. It must allocate nothing (0 B/op,
 *       docs/estimators.md#hot-path).</li>
 * </ul>
 *
 * <p>Pitfalls guarded:
 * <ul>
 *   <li>a repeated batch: every sampling benchmark advances the Philox stream on each operation ({@code update}
 *       cycles through {@value #KEYS} update indices) and cycles through {@value #POINTS} pre-generated points
 *       (logits ~ N(0, 1)), so each operation samples fresh trajectories from varied policies: the action sequences,
 *       and so the branch predictors' and caches' view of them, are those of training, not one memorised batch;</li>
 *   <li>dead-code elimination and constant folding: the results are returned (JMH consumes them) and every input
 *       is a {@code @State} field, not a compile-time constant;</li>
 *   <li>counting the harness's allocation as the kernel's: the {@link UpdateKey}s are built at set-up (training
 *       builds one per update, 32 bytes, outside the learner), so {@code -prof gc}'s gc.alloc.rate.norm is what
 *       the learners and estimators allocate per update (targets: update &lt;= 1 KB/op, the fixed-batch product
 *       0 B/op). A fraction of a byte per operation that grows with the operation's time is the harness's own
 *       background allocation (a constant rate of a few KB/s), not the kernel's: the unit tests assert exactly 0
 *       bytes with the thread's allocation counter;</li>
 *   <li>a query answered from a cache: a repeated gradient on one batch costs only the expansion of cached per-cell
 *       sums, so the gradient is measured on fresh batches ({@code setPointAndGradient}).</li>
 * </ul>
 * Run: {@code java -jar bench/target/benchmarks.jar LolaDiceUpdate -f 1 -wi 3 -w 1 -i 5 -r 1 -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LolaDiceUpdateBenchmark {

    static final int POINTS = 16;
    static final int KEYS = 1024;
    static final int BATCH = 128;
    static final int STEPS = 150;
    private static final long SEED = 0x10DA_D1CEL;

    private Learner agent1;
    private Learner agent2;
    private TrajectorySampler sampler;
    private TrajectoryBatch compact;
    private final PhiloxStream philox = new PhiloxStream();
    private final long[] words = new long[2 * STEPS];
    private GradientEstimator fresh;
    private GradientEstimator fixed;
    private double[][] theta1;
    private double[][] theta2;
    /** The joint vectors (theta1[i], theta2[i]). */
    private double[][] theta;
    private double[][] directions;
    private UpdateKey[] keys;
    private double[] out1;
    private double[] out2;
    private double[] joint;
    private int next;
    private int update;

    @Setup(Level.Trial)
    public void setUp() {
        IteratedGame game = IteratedGame.infinite(BuiltInGames.IPD, IteratedGame.DEFAULT_GAMMA);
        SampledEstimatorSpec dice = new SampledEstimatorSpec(Surrogates.dice(), BATCH, STEPS, BaselineKind.MEAN, 0,
                Double.POSITIVE_INFINITY);
        LookaheadLola rule = new LookaheadLola(1, 1.0, dice, dice, dice, true);
        agent1 = rule.newLearner(game, 0);
        agent2 = rule.newLearner(game, 1);
        sampler = new TrajectorySampler(game.withHorizon(STEPS));
        compact = TrajectoryBatch.compact(BATCH, STEPS, false, false);
        fresh = dice.create(game);
        fixed = dice.create(game);
        SplittableRandom random = new SplittableRandom(SEED);
        theta1 = new double[POINTS][];
        theta2 = new double[POINTS][];
        directions = new double[POINTS][];
        for (int i = 0; i < POINTS; i++) {
            theta1[i] = gaussian(random, game.dimension(0));
            theta2[i] = gaussian(random, game.dimension(1));
            // A backward-pass direction (0, v): zero on agent 1's block, as LOLA queries agent 2's value.
            directions[i] = new double[game.jointDimension()];
            System.arraycopy(gaussian(random, game.dimension(1)), 0, directions[i], game.dimension(0),
                    game.dimension(1));
        }
        theta = Inputs.joint(theta1, theta2);
        keys = new UpdateKey[KEYS];
        for (int u = 0; u < KEYS; u++) {
            keys[u] = new UpdateKey(SEED, 0, u);
        }
        out1 = new double[game.dimension(0)];
        out2 = new double[game.dimension(1)];
        joint = new double[game.jointDimension()];
        fixed.setPoint(theta[0], SEED, 7);
    }

    private int advance() {
        int i = next;
        next = (i + 1) & (POINTS - 1);
        return i;
    }

    private UpdateKey nextKey() {
        UpdateKey key = keys[update];
        update = (update + 1) & (KEYS - 1);
        return key;
    }

    @Benchmark
    public double update() {
        int i = advance();
        UpdateKey key = nextKey();
        agent1.direction(theta[i], key, out1);
        agent2.direction(theta[i], key, out2);
        return out1[0] + out2[4];
    }

    @Benchmark
    public int sampleCompactBatch() {
        int i = advance();
        sampler.sample(theta[i], SEED, update++, compact);
        return compact.cell()[BATCH * STEPS - 1];
    }

    @Benchmark
    public long randomWordsOfOneBatch() {
        long s = update++;
        long acc = 0;
        for (int b = 0; b < BATCH; b++) {
            philox.reset(SEED, s, b);
            philox.nextLongs(words, 0, 2 * STEPS);
            acc += words[2 * STEPS - 1];
        }
        return acc;
    }

    @Benchmark
    public void setPoint() {
        // No query afterwards: setPoint's writes into the estimator's arrays are its observable effect.
        int i = advance();
        fresh.setPoint(theta[i], SEED, update++);
    }

    @Benchmark
    public double[] setPointAndGradient() {
        int i = advance();
        fresh.setPoint(theta[i], SEED, update++);
        fresh.gradient(0, joint);
        return joint;
    }

    @Benchmark
    public double[] hessianVectorProductFixedBatch() {
        fixed.hessianVectorProduct(1, directions[advance()], joint);
        return joint;
    }

    private static double[] gaussian(SplittableRandom random, int size) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = random.nextGaussian();
        }
        return x;
    }
}
