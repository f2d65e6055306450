package dev.opshape.bench;

import dev.opshape.games.IteratedGame;
import dev.opshape.tabular.exact.ExactEvaluator;
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
import org.openjdk.jmh.infra.Blackhole;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The exact hot path ({@link ExactEvaluator}, docs/estimators.md#exact): average time of one call, for the IPD (2 x 2,
 * 5 + 5 logits) and rock-paper-scissors (3 x 3, 30 + 30 logits), with an infinite discounted horizon
 * ({@code horizon = 0}, two triangular solves with one LU factorisation of I - gamma P) and a finite one of
 * T = 150 moves (forward and backward recursions, O(T S^2)); gamma = 0.96.
 *
 * <p>What is measured:
 * <ul>
 *   <li>{@code value}: {@code setPoint} (policies, transition rows, factorisation or recursions, both values and
 *       both agents' row coefficients) and both values: what any evaluation at a new point costs;</li>
 *   <li>{@code gradient}: the gradient of V1 over all logits at a point loaded beforehand (the coefficients are
 *       already there, so this is the contraction alone);</li>
 *   <li>{@code hessianVectorProduct}: one Hessian-vector product of V1 at a point loaded beforehand, as LOLA-K's
 *       backward pass uses it (forward-over-adjoint: two extra solves, or one forward and one backward recursion
 *       for a finite horizon);</li>
 *   <li>{@code setPointAndHessianVectorProduct}: both, the cost of a product at a fresh point.</li>
 * </ul>
 *
 * <p>Pitfalls guarded (the JMH samples' numbering in brackets):
 * <ul>
 *   <li>dead code [JMHSample_08]: every result is returned or sunk into a {@link Blackhole}; the output arrays are
 *       returned, so the writes into them are live;</li>
 *   <li>constant folding [JMHSample_10]: the game, points and directions are non-final {@code @State} fields set at
 *       run time, never literals or {@code static final} constants;</li>
 *   <li>loop optimisations [JMHSample_11]: no hand-written repetition loop; JMH calls the method once per
 *       operation, so the JIT cannot hoist or merge work across operations. The inputs cycle through
 *       {@value Inputs#POINTS} pre-generated random points (logits ~ N(0, 1)) and directions (N(0, 1)), so
 *       successive operations are not identical (the kernels have hardly any data-dependent branches, so this is
 *       honesty rather than speed; picking the next input, an increment and a mask, is in every score alike). For
 *       {@code gradient} and {@code hessianVectorProduct} the point stays fixed by design (they reuse its
 *       factorisation) and only the direction cycles;</li>
 *   <li>state scope [JMHSample_03/04]: {@link Scope#Thread} state, one evaluator per benchmark thread (evaluators
 *       are workspaces and not thread-safe), built in a {@link Level#Trial} set-up outside the measurement;</li>
 *   <li>allocation: run with {@code -prof gc}; gc.alloc.rate.norm must be about 0 B/op (docs/estimators.md#hot-path;
 *       {@link AllocationGate} enforces at most 64 B/op).</li>
 * </ul>
 * Run: {@code java -jar bench/target/benchmarks.jar ExactEvaluator -f 1 -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ExactEvaluatorBenchmark {

    /** Stage game: the IPD or rock-paper-scissors. */
    @Param({"ipd", "rps"})
    public String game;

    /** 0 = infinite discounted horizon, otherwise T moves. */
    @Param({"0", "150"})
    public int horizon;

    private ExactEvaluator exact;
    private double[][] theta1;
    private double[][] theta2;
    private double[][] directions;
    private double[] gradient;
    private double[] product;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        IteratedGame g = Inputs.iterated(game, horizon);
        exact = g.newEvaluator();
        SplittableRandom rng = new SplittableRandom(0xBE4C4L);
        theta1 = Inputs.gaussians(rng, Inputs.POINTS, exact.layout().dimension(0));
        theta2 = Inputs.gaussians(rng, Inputs.POINTS, exact.layout().dimension(1));
        directions = Inputs.gaussians(rng, Inputs.POINTS, exact.dimension());
        gradient = new double[exact.dimension()];
        product = new double[exact.dimension()];
        exact.setPoint(theta1[0], theta2[0]);
    }

    /** The index of the next input, cycling through the pre-generated ones. */
    private int advance() {
        int i = next;
        next = (i + 1) & (Inputs.POINTS - 1);
        return i;
    }

    @Benchmark
    public void value(Blackhole bh) {
        int i = advance();
        exact.setPoint(theta1[i], theta2[i]);
        bh.consume(exact.value(0));
        bh.consume(exact.value(1));
    }

    @Benchmark
    public double[] gradient() {
        exact.gradient(0, gradient);
        return gradient;
    }

    @Benchmark
    public double[] hessianVectorProduct() {
        exact.hessianVectorProduct(0, directions[advance()], product);
        return product;
    }

    @Benchmark
    public double[] setPointAndHessianVectorProduct() {
        int i = advance();
        exact.setPoint(theta1[i], theta2[i]);
        exact.hessianVectorProduct(0, directions[i], product);
        return product;
    }
}
