package dev.opshape.games.exact;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.testkit.AllocationCounter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hot path allocates nothing per call once its workspace exists (docs/estimators.md#hot-path): setPoint + value +
 * gradient, and hessianVectorProduct, for the infinite and a finite horizon, in the IPD and in RPS, with and without
 * trembling-hand noise.
 *
 * <p>Measured with HotSpot's per-thread allocation counter ({@code com.sun.management.ThreadMXBean
 * #getCurrentThreadAllocatedBytes}), which counts every byte this thread allocates, including the used part of its
 * current TLAB, so a single 16-byte object shows. The loop runs {@value #CALLS} times after {@value #WARM_UP} warm-up
 * calls (which load and initialise every class involved and let the JIT compile the kernels); the points cycle
 * through a few pre-allocated arrays, so the evaluator never sees a constant. The allowance is exactly what the
 * measurement itself costs: the bytes counted across an empty loop of the same length measured the same way
 * (expected 0). Any allocation inside the kernel would add at least 16 x 10,000 bytes, on every attempt of
 * {@link AllocationCounter}.
 */
class ExactEvaluatorAllocationTest {

    private static final int WARM_UP = 20_000;
    private static final int CALLS = 10_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Keeps results observable so that no work can be skipped. */
    private static double sink;

    @BeforeAll
    static void counterIsAvailable() {
        assertTrue(THREADS.isThreadAllocatedMemorySupported(), "this JVM cannot count allocated bytes per thread");
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    record Workload(IteratedGame game, double[][] theta1, double[][] theta2, double[][] directions) {
    }

    static Stream<Named<Workload>> workloads() {
        return Stream.of(
                        IteratedGame.infinite(BuiltInGames.IPD, 0.96),
                        IteratedGame.finite(BuiltInGames.IPD, 0.96, 150),
                        IteratedGame.infinite(BuiltInGames.RPS, 0.9),
                        IteratedGame.finite(BuiltInGames.RPS, 0.9, 20),
                        IteratedGame.infinite(BuiltInGames.IPD, 0.96).withNoise(0.1),
                        IteratedGame.finite(BuiltInGames.RPS, 0.9, 20).withNoise(0.1))
                .map(game -> {
                    SplittableRandom rng = new SplittableRandom(0xA110CL);
                    int points = 4;
                    double[][] t1 = new double[points][];
                    double[][] t2 = new double[points][];
                    double[][] v = new double[points][];
                    for (int i = 0; i < points; i++) {
                        t1[i] = EvaluationPoint.gaussian(rng, game.dimension(0), 1.0);
                        t2[i] = EvaluationPoint.gaussian(rng, game.dimension(1), 1.0);
                        v[i] = EvaluationPoint.gaussian(rng, game.jointDimension(), 1.0);
                    }
                    return Named.of(game.game().name() + " T=" + (game.isFinite() ? game.horizon() : "inf")
                                    + (game.isNoisy() ? " noise=" + game.noise() : ""),
                            new Workload(game, t1, t2, v));
                });
    }

    /** Bytes allocated by this thread across a loop that does nothing, measured exactly like the kernels. */
    private static long measurementOverhead() {
        return AllocationCounter.fewestBytes(attempt -> {
            for (int i = 0; i < CALLS; i++) {
                sink += i;
            }
        });
    }

    private static void valueAndGradient(ExactEvaluator exact, Workload w, double[] gradient, int calls) {
        for (int i = 0; i < calls; i++) {
            int k = i & 3;
            exact.setPoint(w.theta1()[k], w.theta2()[k]);
            exact.gradient(0, gradient);
            sink += exact.value(0) + exact.value(1) + gradient[k];
        }
    }

    private static void hessianVector(ExactEvaluator exact, Workload w, double[] out, int calls) {
        for (int i = 0; i < calls; i++) {
            int k = i & 3;
            exact.hessianVectorProduct(i & 1, w.directions()[k], out);
            sink += out[k];
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void setPointValueAndGradientAllocateNothing(Workload w) {
        ExactEvaluator exact = w.game().newEvaluator();
        double[] gradient = new double[exact.dimension()];
        valueAndGradient(exact, w, gradient, WARM_UP);
        measurementOverhead();
        long overhead = measurementOverhead();

        long allocated = AllocationCounter.fewestBytes(attempt -> valueAndGradient(exact, w, gradient, CALLS));
        assertEquals(overhead, allocated, "bytes allocated by " + CALLS + " x (setPoint + 2 values + gradient), "
                + "against the empty-loop measurement");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void hessianVectorProductAllocatesNothing(Workload w) {
        ExactEvaluator exact = w.game().newEvaluator();
        double[] out = new double[exact.dimension()];
        exact.setPoint(w.theta1()[0], w.theta2()[0]);
        hessianVector(exact, w, out, WARM_UP);
        measurementOverhead();
        long overhead = measurementOverhead();

        long allocated = AllocationCounter.fewestBytes(attempt -> hessianVector(exact, w, out, CALLS));
        assertEquals(overhead, allocated, "bytes allocated by " + CALLS + " Hessian-vector products, against the "
                + "empty-loop measurement");
    }
}
