package dev.opshape.shaping.estimator;

import dev.opshape.games.IteratedGame;
import dev.opshape.testkit.Vectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sampled estimator is a workspace (docs/estimators.md#hot-path): after warm-up, setPoint (sampling, weights,
 * baseline
 * fitting), gradients and Hessian-vector products of both agents allocate nothing, for every baseline and surrogate,
 * with and without a replay buffer (one that wraps mid-batch), without and with trembling-hand noise. Measured with the thread's allocated-bytes counter;
 * the warm-up lets the JIT compile the loops so that interpreter-only effects do not count, and the exact count is 0
 * because nothing legitimate should allocate (any per-call object would show as at least 16 bytes per call).
 */
class SampledEstimatorAllocationTest {

    static Stream<Arguments> configurations() {
        List<Arguments> cases = new ArrayList<>();
        for (String name : List.of("ipd", "rps")) {
            for (BaselineKind baseline : BaselineKind.values()) {
                for (Surrogate surrogate : Surrogates.all()) {
                    for (int buffer : surrogate.hasOffPolicyForm() ? new int[] {0, 20} : new int[] {0}) {
                        cases.add(Arguments.of(name, baseline, surrogate, buffer, 0.0));
                        cases.add(Arguments.of(name, baseline, surrogate, buffer, 0.2));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} baseline={1} {2} buffer={3} noise={4}")
    @MethodSource("configurations")
    void setPointGradientAndHessianVectorProductAllocateNothingAfterWarmUp(String name, BaselineKind baseline,
                                                                          Surrogate surrogate, int buffer,
                                                                          double noise) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        IteratedGame game = IteratedGame.finite(EstimatorFixtures.game(name), 0.96, 10).withNoise(noise);
        // Batch 8 into a buffer of 20: the ring wraps in the middle of every third batch.
        GradientEstimator estimator = new SampledEstimatorSpec(surrogate, 8, 10, baseline, buffer,
                buffer > 0 ? 3.0 : Double.POSITIVE_INFINITY).create(game);
        SplittableRandom random = new SplittableRandom(5);
        double[][] points = new double[4][];
        for (int k = 0; k < 4; k++) {
            double[] theta1 = EstimatorFixtures.gaussian(random, game.dimension(0), 1.0);
            double[] theta2 = EstimatorFixtures.gaussian(random, game.dimension(1), 1.0);
            points[k] = Vectors.concat(theta1, theta2);
        }
        double[] v = EstimatorFixtures.gaussian(random, game.jointDimension(), 1.0);
        double[] out = new double[game.jointDimension()];
        for (int call = 0; call < 3000; call++) {
            round(estimator, points[call % 4], call, v, out);
        }
        // The fewest bytes over up to three attempts: per-call allocation shows on every attempt, while a one-off
        // event (the JIT deoptimising a frame and materialising its scalar-replaced objects) does not recur.
        long allocated = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3 && allocated > 0; attempt++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int call = 0; call < 30; call++) {
                round(estimator, points[call % 4], 10_000 + 100 * attempt + call, v, out);
            }
            allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
        }
        assertEquals(0, allocated, "bytes allocated by 30 rounds of setPoint, 2 gradients and 2 HVPs");
    }

    private static void round(GradientEstimator estimator, double[] theta, long stream, double[] v, double[] out) {
        estimator.setPoint(theta, 42, stream);
        for (int agent = 0; agent < 2; agent++) {
            estimator.value(agent);
            estimator.gradient(agent, out);
            estimator.hessianVectorProduct(agent, v, out);
        }
    }
}
