package dev.opshape.bench;

import dev.opshape.games.IteratedGame;
import dev.opshape.tabular.sample.ParallelTrajectorySampler;
import dev.opshape.tabular.sample.PhiloxStream;
import dev.opshape.tabular.sample.TrajectoryBatch;
import dev.opshape.tabular.sample.TrajectorySampler;
import org.apache.commons.rng.core.source64.Philox4x64;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Trajectory sampling, the first stage of every sampled estimator (DiCE, LVC). One invocation draws a full batch of
 * B = 128 trajectories of T = 150 moves (the LOLA-DiCE defaults) into a caller-owned {@link TrajectoryBatch}:
 * 19,200 moves and 38,400 uniforms. Every method declares {@code @OperationsPerInvocation(B * T)}, so the score is
 * <b>moves (steps) per second</b> directly; JMH's {@code gc.alloc.rate.norm} is then per move, and
 * {@link AllocationGate} multiplies it back to bytes per batch (the sampler is meant to allocate none).
 *
 * <ul>
 *   <li>{@code sampleBatch}: {@link TrajectorySampler} on the benchmark thread (IPD: one uniform and one compare per
 *       action; rps: two compares);</li>
 *   <li>{@code sampleBatchTwoWorkers}: {@link ParallelTrajectorySampler} with two workers (the calling thread and
 *       one executor thread): the speed-up on this 2-core machine, minus the hand-off (it allocates a task and a
 *       future per batch by design, so the allocation gate skips it);</li>
 *   <li>{@code uniformsPhiloxStream} and {@code uniformsCommonsRngNewPerTrajectory}: the random stream alone, the
 *       same 128 x 300 uniforms from {@link PhiloxStream} re-keyed in place and from commons-rng's
 *       {@code Philox4x64} constructed once per trajectory (what re-keying costs without PhiloxStream, in time and
 *       bytes; a reference, not a hot path).</li>
 * </ul>
 *
 * <p>Pitfalls guarded: dead code [JMHSample_08] (each operation returns a value read from its output, which JMH
 * consumes; the batch itself is state); constant folding [JMHSample_10] (logits drawn at set-up); loop
 * optimisations [JMHSample_11] (the stream index advances on every invocation, so each batch is fresh and no work
 * repeats; the loops over B and T are the API's own, not a benchmark harness loop, and the uniform-only references
 * fold their draws into a returned sum); state scope [JMHSample_03/04] (thread-scoped sampler, batch and executor,
 * created at trial set-up, the executor shut down at tear-down).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar Sampler -f 1 -prof gc}.
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
    static final int MOVES = BATCH * STEPS;
    private static final long SEED = 20240611L;

    /** The samplers and batch, per game (the uniform-only references need none of it). */
    @State(Scope.Thread)
    public static class Sampling {
        /** Stage game: the IPD (2 actions) or rock-paper-scissors (3 actions). */
        @Param({"ipd", "rps"})
        public String game;

        TrajectorySampler sampler;
        ParallelTrajectorySampler parallel;
        ExecutorService executor;
        TrajectoryBatch batch;
        double[] theta1;
        double[] theta2;
        /** The joint vector (theta1, theta2). */
        double[] theta;
        long stream;

        @Setup(Level.Trial)
        public void setUp() {
            IteratedGame g = Inputs.iterated(game, STEPS);
            sampler = new TrajectorySampler(g);
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "sampler-worker");
                t.setDaemon(true);
                return t;
            });
            parallel = new ParallelTrajectorySampler(g, executor, 2);
            batch = TrajectoryBatch.full(2, BATCH, STEPS, false);
            // A random interior point, as at the start of LOLA training (logits of scale 1).
            SplittableRandom random = new SplittableRandom(SEED);
            theta1 = Inputs.gaussians(random, 1, g.dimension(0))[0];
            theta2 = Inputs.gaussians(random, 1, g.dimension(1))[0];
            theta = Inputs.joint(new double[][] {theta1}, new double[][] {theta2})[0];
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            executor.shutdownNow();
        }

        double probe() {
            int last = MOVES - 1;
            return batch.reward(0)[last] + batch.logProb(1)[last] + batch.action(0)[BATCH / 2 * STEPS];
        }
    }

    private final PhiloxStream philox = new PhiloxStream();
    private long stream;

    /** Sample one batch of B x T moves on this thread. */
    @Benchmark
    @OperationsPerInvocation(MOVES)
    public double sampleBatch(Sampling s) {
        s.sampler.sample(s.theta, SEED, s.stream++, s.batch);
        return s.probe();
    }

    /** The same batch cut into two ranges, one drawn on an executor thread. */
    @Benchmark
    @OperationsPerInvocation(MOVES)
    public double sampleBatchTwoWorkers(Sampling s) {
        s.parallel.sample(s.theta, SEED, s.stream++, s.batch);
        return s.probe();
    }

    /** The batch's uniforms alone: B re-keyings of PhiloxStream, 2T doubles each. */
    @Benchmark
    @OperationsPerInvocation(MOVES)
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
    @OperationsPerInvocation(MOVES)
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
