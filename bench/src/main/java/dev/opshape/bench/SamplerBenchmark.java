package dev.opshape.bench;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.sample.PhiloxStream;
import dev.opshape.games.sample.TrajectoryBatch;
import dev.opshape.games.sample.TrajectorySampler;
import org.apache.commons.rng.core.source64.Philox4x64;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Trajectory sampling, the first stage of every sampled estimator (DiCE, LVC): one operation draws a full batch of
 * B = 128 IPD trajectories of T = 150 moves (the LOLA-DiCE defaults) into a caller-owned {@link TrajectoryBatch},
 * i.e. 19,200 steps and 38,400 uniforms. Steps per second = ops/s x 19,200. With {@code -prof gc},
 * {@code gc.alloc.rate.norm} is the bytes allocated per batch: the sampler is meant to allocate none.
 *
 * <p>Two reference operations isolate the random stream: the same 128 x 300 uniforms from {@link PhiloxStream}
 * re-keyed in place, and from commons-rng's {@code Philox4x64} constructed once per trajectory (what re-keying costs
 * without PhiloxStream, in time and bytes per batch).
 *
 * <p>Pitfalls guarded: dead-code elimination (each operation returns a value read from its output, which JMH
 * consumes); repeated identical work that the JIT or caches could exploit (the stream index advances on every
 * operation, so each batch is fresh; the logits are drawn at set-up, not compile-time constants); and state shared
 * between threads (thread-scoped state, one sampler and batch per benchmark thread).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar Sampler -f 1 -wi 3 -w 1 -i 5 -r 1 -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SamplerBenchmark {

    static final int BATCH = 128;
    static final int STEPS = 150;
    private static final long SEED = 20240611L;

    private TrajectorySampler sampler;
    private TrajectoryBatch batch;
    private PhiloxStream philox;
    private double[] theta1;
    private double[] theta2;
    private long stream;

    @Setup
    public void setUp() {
        IteratedGame game = IteratedGame.finite(BuiltInGames.IPD, IteratedGame.DEFAULT_GAMMA, STEPS);
        sampler = new TrajectorySampler(game);
        batch = new TrajectoryBatch(BATCH, STEPS);
        philox = new PhiloxStream();
        // A random interior point, as at the start of LOLA training (logits of scale 1).
        SplittableRandom random = new SplittableRandom(SEED);
        theta1 = new double[game.dimension(0)];
        theta2 = new double[game.dimension(1)];
        for (int i = 0; i < theta1.length; i++) {
            theta1[i] = random.nextGaussian();
            theta2[i] = random.nextGaussian();
        }
    }

    /** Sample one batch of B x T steps. */
    @Benchmark
    public double sampleBatch() {
        sampler.sample(theta1, theta2, SEED, stream++, batch);
        int last = BATCH * STEPS - 1;
        return batch.reward1()[last] + batch.logProb2()[last] + batch.action1()[BATCH / 2 * STEPS];
    }

    /** The batch's uniforms alone: B re-keyings of PhiloxStream, 2T doubles each. */
    @Benchmark
    public double uniformsPhiloxStream() {
        long s = stream++;
        double sum = 0;
        for (int b = 0; b < BATCH; b++) {
            philox.reset(SEED, s, b);
            for (int i = 0; i < 2 * STEPS; i++) {
                sum += philox.nextDouble();
            }
        }
        return sum;
    }

    /** The same uniforms from commons-rng, which needs a new generator per trajectory to re-key. */
    @Benchmark
    public double uniformsCommonsRngNewPerTrajectory() {
        long s = stream++;
        double sum = 0;
        for (int b = 0; b < BATCH; b++) {
            Philox4x64 rng = new Philox4x64(new long[] {SEED, s, 0, 0, b, 0});
            for (int i = 0; i < 2 * STEPS; i++) {
                sum += rng.nextDouble();
            }
        }
        return sum;
    }
}
