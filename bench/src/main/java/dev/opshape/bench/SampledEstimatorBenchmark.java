package dev.opshape.bench;

import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.estimator.BaselineKind;
import dev.opshape.shaping.estimator.GradientEstimator;
import dev.opshape.shaping.estimator.SampledEstimatorSpec;
import dev.opshape.shaping.estimator.Surrogate;
import dev.opshape.shaping.estimator.Surrogates;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The sampled estimators (docs/estimators.md#sampled): DiCE and LVC gradient and Hessian-vector product of V2 over all
 * logits, on a fixed batch of B trajectories of T moves of the IPD (gamma = 0.96, per-move mean baseline, the
 * LOLA-DiCE default), and the {@code setPoint} that draws and loads a fresh batch. The closed forms cost
 * O(B T d) with no autodiff graph: a product should take about twice a gradient, and every score should scale
 * linearly in B * T.
 *
 * <p>What is measured:
 * <ul>
 *   <li>{@code gradient}, {@code hessianVectorProduct}: one query on the batch loaded at trial set-up (the
 *       estimator answers any number of queries from one batch, as LOLA-DiCE's backward pass does);</li>
 *   <li>{@code setPoint}: sampling B x T moves, the per-state score tables, the magic-box weights and the baseline
 *       of both agents: the per-batch fixed cost of an estimate.</li>
 * </ul>
 *
 * <p>Pitfalls guarded:
 * <ul>
 *   <li>dead code [JMHSample_08]: results are written into state arrays that are returned; setPoint writes the new
 *       batch and weights into the estimator, which the state object holds, so those stores are live;</li>
 *   <li>constant folding [JMHSample_10]: B, T, the surrogate, the point and the directions are run-time state;</li>
 *   <li>loop optimisations [JMHSample_11]: no hand-written repetition; the product's direction cycles through
 *       {@value Inputs#POINTS} random ones, and setPoint draws from a new stream index each time, so every batch is
 *       fresh;</li>
 *   <li>state scope [JMHSample_03/04]: one thread-scoped estimator (a workspace, not thread-safe), created and
 *       loaded at trial set-up;</li>
 *   <li>allocation: {@code -prof gc}; nothing may be allocated per query or per batch ({@link AllocationGate}).</li>
 * </ul>
 * Run: {@code java -jar bench/target/benchmarks.jar SampledEstimator -f 1 -prof gc}; a single size with, for
 * example, {@code -p batch=128 -p steps=150}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SampledEstimatorBenchmark {

    /** dice or lvc. */
    @Param({"dice", "lvc"})
    public String surrogate;

    /** B, trajectories per batch. */
    @Param({"32", "128", "512"})
    public int batch;

    /** T, moves per trajectory (named steps, not horizon, so that {@code -p} can set it alone). */
    @Param({"20", "150"})
    public int steps;

    private static final long SEED = 0x5EEDL;

    private GradientEstimator estimator;
    private double[] theta1;
    private double[] theta2;
    /** The joint vector (theta1, theta2). */
    private double[] theta;
    private double[][] directions;
    private double[] out;
    private long stream;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Surrogate s = Surrogates.byName(surrogate).orElseThrow();
        IteratedGame game = Inputs.iterated("ipd", steps);
        estimator = new SampledEstimatorSpec(s, batch, steps, BaselineKind.MEAN, 0, Double.POSITIVE_INFINITY)
                .create(game);
        SplittableRandom rng = new SplittableRandom(0xD1CEL);
        theta1 = Inputs.gaussians(rng, 1, game.dimension(0))[0];
        theta2 = Inputs.gaussians(rng, 1, game.dimension(1))[0];
        theta = Inputs.joint(new double[][] {theta1}, new double[][] {theta2})[0];
        directions = Inputs.gaussians(rng, Inputs.POINTS, game.jointDimension());
        out = new double[game.jointDimension()];
        estimator.setPoint(theta, SEED, stream++);
    }

    @Benchmark
    public double[] gradient() {
        estimator.gradient(1, out);
        return out;
    }

    @Benchmark
    public double[] hessianVectorProduct() {
        int i = next;
        next = (i + 1) & (Inputs.POINTS - 1);
        estimator.hessianVectorProduct(1, directions[i], out);
        return out;
    }

    @Benchmark
    public void setPoint() {
        // The batch, tables and weights it writes live in the estimator, reachable from this state object: the
        // JIT cannot drop the writes (no result to sink; value(1) would add an O(B T) pass of its own).
        estimator.setPoint(theta, SEED, stream++);
    }
}
