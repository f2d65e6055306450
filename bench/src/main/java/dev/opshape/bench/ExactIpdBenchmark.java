package dev.opshape.bench;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.exact.ExactEvaluator;
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
import org.openjdk.jmh.infra.Blackhole;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The exact IPD hot path of the shaping learners ({@link ExactEvaluator}), gamma = 0.96: average time per call.
 *
 * <ul>
 *   <li>{@code valueAndGradient}: setPoint (policies, transition rows, LU factorisation of I - gamma P, both
 *       agents' values and row coefficients) + both values + the gradient of V1 over all 10 logits: one naive-learner
 *       step.</li>
 *   <li>{@code hessianVectorProduct}: one Hessian-vector product of V1 at a point set beforehand, which is how LOLA
 *       and LOLA-K use it (several products per factorisation).</li>
 *   <li>{@code setPointAndHessianVectorProduct}: both, the cost of a product at a fresh point (one lookahead step of
 *       LOLA-K).</li>
 *   <li>{@code hessianVectorProductFiniteHorizon}: the product for the finite horizon T = 150 (the default rollout
 *       length, the horizon a sampled estimator is compared with): O(T S^2) forward and backward recursions instead
 *       of two 4 x 4 triangular solves.</li>
 * </ul>
 *
 * <p>Pitfalls guarded:
 * <ul>
 *   <li>dead-code elimination: every result is returned or sunk into the {@link Blackhole}, so the JIT cannot drop
 *       the computation (the output arrays are state fields as well, written on every call);</li>
 *   <li>constant folding: the inputs are {@code @State} fields, never literals or {@code static final} constants the
 *       JIT could fold;</li>
 *   <li>a single repeated input: the point (and the direction) cycle through {@value #POINTS} pre-generated random
 *       ones (logits ~ N(0, 1), directions ~ N(0, 1), fixed seed). The kernels have essentially no data-dependent
 *       control flow, so the cycling is about honesty rather than speed: the CPU's branch predictors and the JIT's
 *       profiles see the same variety of values as in training, and the cost of picking the next input (an
 *       increment and a mask, about 1 ns) is included in every benchmark alike. For {@code hessianVectorProduct}
 *       the point stays fixed by design (the product reuses the factorisation) and only the direction cycles;</li>
 *   <li>allocation: run with {@code -prof gc}; gc.alloc.rate.norm must be 0 B/op (DESIGN.md section 10; the same
 *       property is asserted by the games test {@code ExactEvaluatorAllocationTest}).</li>
 * </ul>
 * Run: {@code java -jar bench/target/benchmarks.jar ExactIpd -f 1 -wi 3 -w 1 -i 5 -r 1 -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExactIpdBenchmark {

    static final int POINTS = 64;
    private static final double GAMMA = 0.96;

    /** Pre-generated points and directions and an evaluator for one horizon. */
    @State(Scope.Thread)
    public abstract static class Workload {
        ExactEvaluator exact;
        double[][] theta1;
        double[][] theta2;
        double[][] directions;
        double[] gradient;
        double[] product;
        int next;

        abstract int horizon();

        @Setup(Level.Trial)
        public void setUp() {
            IteratedGame game = new IteratedGame(BuiltInGames.IPD, GAMMA, horizon());
            exact = ExactEvaluator.create(game);
            SplittableRandom rng = new SplittableRandom(0xBE4C4L);
            theta1 = new double[POINTS][];
            theta2 = new double[POINTS][];
            directions = new double[POINTS][];
            for (int i = 0; i < POINTS; i++) {
                theta1[i] = gaussian(rng, exact.dimension1());
                theta2[i] = gaussian(rng, exact.dimension2());
                directions[i] = gaussian(rng, exact.dimension());
            }
            gradient = new double[exact.dimension()];
            product = new double[exact.dimension()];
            exact.setPoint(theta1[0], theta2[0]);
        }

        /** The index of the next input, cycling through the pre-generated ones. */
        final int advance() {
            int i = next;
            next = (i + 1) & (POINTS - 1);
            return i;
        }

        private static double[] gaussian(SplittableRandom rng, int size) {
            double[] x = new double[size];
            for (int i = 0; i < size; i++) {
                x[i] = rng.nextGaussian();
            }
            return x;
        }
    }

    /** Infinite horizon. */
    public static class InfiniteHorizon extends Workload {
        @Override
        int horizon() {
            return IteratedGame.INFINITE;
        }
    }

    /** Finite horizon of T = 150 moves. */
    public static class FiniteHorizon extends Workload {
        @Override
        int horizon() {
            return 150;
        }
    }

    @Benchmark
    public void valueAndGradient(InfiniteHorizon w, Blackhole bh) {
        int i = w.advance();
        w.exact.setPoint(w.theta1[i], w.theta2[i]);
        bh.consume(w.exact.value(0));
        bh.consume(w.exact.value(1));
        w.exact.gradient(0, w.gradient);
        bh.consume(w.gradient);
    }

    @Benchmark
    public double[] hessianVectorProduct(InfiniteHorizon w) {
        w.exact.hessianVectorProduct(0, w.directions[w.advance()], w.product);
        return w.product;
    }

    @Benchmark
    public double[] setPointAndHessianVectorProduct(InfiniteHorizon w) {
        int i = w.advance();
        w.exact.setPoint(w.theta1[i], w.theta2[i]);
        w.exact.hessianVectorProduct(0, w.directions[i], w.product);
        return w.product;
    }

    @Benchmark
    public double[] hessianVectorProductFiniteHorizon(FiniteHorizon w) {
        w.exact.hessianVectorProduct(0, w.directions[w.advance()], w.product);
        return w.product;
    }
}
