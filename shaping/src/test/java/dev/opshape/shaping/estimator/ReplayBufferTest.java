package dev.opshape.shaping.estimator;

import dev.opshape.games.IteratedGame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.SplittableRandom;

import static dev.opshape.shaping.estimator.BatchSurrogateReferenceTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed paper's replay settings on {@link SampledEstimator}: a buffer pre-filled at the current point is the pooled
 * on-policy batch (every importance weight is 1), and a buffer shared by two estimators is one FIFO receiving both
 * pushes in order. Slot s of a push is trajectory key s of its stream (documented in {@link ReplayBuffer}), so both
 * comparisons are with a second estimator holding the same trajectories; the tolerance is the 1e-10 relative one
 * derived in {@link BatchSurrogateReferenceTest} (weights exp(l - l) may differ from 1 in the last bits).
 */
class ReplayBufferTest {

    private static final double RELATIVE = 1e-10;
    private static final long SEED = 0x5EED_0013L;
    private static final long STREAM = 41;

    private static IteratedGame game() {
        return IteratedGame.finite(EstimatorFixtures.game("ipd"), 0.96, 12);
    }

    private static double[] point(IteratedGame game, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return EstimatorFixtures.concat(EstimatorFixtures.gaussian(random, game.dimension(0), 1.0),
                EstimatorFixtures.gaussian(random, game.dimension(1), 1.0));
    }

    private static SampledEstimator estimator(IteratedGame game, BaselineKind baseline, int batch, int buffer,
                                              int prefill, boolean shared) {
        return (SampledEstimator) new SampledEstimatorSpec(Surrogates.dice(), batch, 12, baseline, buffer,
                Double.POSITIVE_INFINITY, SampledEstimatorSpec.DEFAULT_NOISE, prefill, shared).create(game);
    }

    private static double maxDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** The negative controls: agent 1's gradients differ by more than 1e-3 of their size. */
    private static void assertGradientsDiffer(GradientEstimator expected, GradientEstimator actual) {
        double[] g0 = new double[expected.dimension()];
        double[] g1 = new double[expected.dimension()];
        expected.gradient(0, g0);
        actual.gradient(0, g1);
        assertTrue(maxDifference(g0, g1) > 1e-3 * EstimatorFixtures.maxAbs(g0), "the estimates agree");
    }

    private static void assertSameEstimates(GradientEstimator expected, GradientEstimator actual, double[] v) {
        int d = expected.dimension();
        for (int player = 0; player < 2; player++) {
            double[] g0 = new double[d];
            double[] g1 = new double[d];
            expected.gradient(player, g0);
            actual.gradient(player, g1);
            assertClose(g0, g1, RELATIVE * (1 + EstimatorFixtures.maxAbs(g0)), "gradient of V" + (player + 1));
            expected.hessianVectorProduct(player, v, g0);
            actual.hessianVectorProduct(player, v, g1);
            assertClose(g0, g1, RELATIVE * (1 + EstimatorFixtures.maxAbs(g0)), "H(V" + (player + 1) + ") v");
        }
    }

    @ParameterizedTest
    @EnumSource(value = BaselineKind.class, names = {"NONE", "MEAN", "EXACT"})
    void aBufferPrefilledAtThePointIsThePooledOnPolicyBatch(BaselineKind baseline) {
        IteratedGame game = game();
        double[] theta = point(game, 1);
        double[] v = point(game, 2);
        SampledEstimator warm = estimator(game, baseline, 16, 128, 7, false);
        assertTrue(warm.awaitsPrefill());
        // Pre-fill and fresh batch from one stream: slots 0..111 then 112..127 are keys 0..127 of that stream.
        warm.prefill(theta, SEED, STREAM);
        assertFalse(warm.awaitsPrefill());
        warm.setPoint(theta, SEED, STREAM);
        SampledEstimator pooled = estimator(game, baseline, 128, 0, 0, false);
        pooled.setPoint(theta, SEED, STREAM);
        assertSameEstimates(pooled, warm, v);
        assertEquals(128, warm.effectiveSampleSize(), 1e-9);
        assertEquals(128, pooled.effectiveSampleSize(), 0.0);

        // Negative control: a pre-fill from another stream holds other trajectories.
        SampledEstimator other = estimator(game, baseline, 16, 128, 7, false);
        other.prefill(theta, SEED, STREAM + 1);
        other.setPoint(theta, SEED, STREAM);
        assertGradientsDiffer(pooled, other);
    }

    @ParameterizedTest
    @EnumSource(value = BaselineKind.class, names = {"NONE", "MEAN", "EXACT"})
    void aSharedBufferIsOneFifoReceivingBothPushesInOrder(BaselineKind baseline) {
        IteratedGame game = game();
        double[] a = point(game, 3);
        double[] b = point(game, 4);
        double[] v = point(game, 5);
        SampledEstimator first = estimator(game, baseline, 16, 40, 0, true);
        SampledEstimator second = estimator(game, baseline, 16, 40, 0, true);
        assertTrue(second.shareReplay(first));
        SampledEstimator single = estimator(game, baseline, 16, 40, 0, false);
        // Three rounds of two pushes at two points: the ring (40) wraps mid-batch in the third push.
        for (int round = 0; round < 3; round++) {
            first.setPoint(a, SEED, 2L * round);
            single.setPoint(a, SEED, 2L * round);
            assertSameEstimates(single, first, v);
            second.setPoint(b, SEED, 2L * round + 1);
            single.setPoint(b, SEED, 2L * round + 1);
            assertSameEstimates(single, second, v);
            assertEquals(single.effectiveSampleSize(), second.effectiveSampleSize(), 1e-9);
        }
        // The first estimator revisits the whole shared buffer, including the second's pushes.
        first.revisit(a);
        single.revisit(a);
        assertSameEstimates(single, first, v);

        // Negative control: with its own buffer the second estimator sees only its own pushes.
        SampledEstimator alone = estimator(game, baseline, 16, 40, 0, true);
        alone.setPoint(b, SEED, 1);
        SampledEstimator reference = estimator(game, baseline, 16, 40, 0, false);
        reference.setPoint(a, SEED, 0);
        reference.setPoint(b, SEED, 1);
        assertGradientsDiffer(reference, alone);
    }

    /**
     * A pre-fill along a path puts batch j at the path's j-th last point: the same buffer as pushing one batch at each
     * point in turn; a path of one point repeated is the single-point pre-fill, trajectory for trajectory.
     */
    @ParameterizedTest
    @EnumSource(value = BaselineKind.class, names = {"NONE", "MEAN", "EXACT"})
    void aPrefillAlongAPathIsTheBufferOfPushesAtItsPoints(BaselineKind baseline) {
        IteratedGame game = game();
        double[] p0 = point(game, 10);
        double[] p1 = point(game, 11);
        double[] p2 = point(game, 12);
        double[] theta = point(game, 13);
        double[] v = point(game, 14);
        SampledEstimator path = estimator(game, baseline, 16, 64, 2, false);
        path.prefill(new double[][] {p0, p1, p2}, SEED, STREAM);
        path.setPoint(theta, SEED, STREAM + 1);
        // Slot s is key s of its push's stream, so pushing at p1 then p2 from the pre-fill's stream builds the same
        // buffer (p0 is not used: prefill = 2 takes the path's last two points).
        SampledEstimator pushes = estimator(game, baseline, 16, 64, 0, false);
        pushes.setPoint(p1, SEED, STREAM);
        pushes.setPoint(p2, SEED, STREAM);
        pushes.setPoint(theta, SEED, STREAM + 1);
        assertSameEstimates(pushes, path, v);

        // Negative control: the path's first two points instead.
        SampledEstimator early = estimator(game, baseline, 16, 64, 0, false);
        early.setPoint(p0, SEED, STREAM);
        early.setPoint(p1, SEED, STREAM);
        early.setPoint(theta, SEED, STREAM + 1);
        assertGradientsDiffer(early, path);

        SampledEstimator repeated = estimator(game, baseline, 16, 64, 3, false);
        repeated.prefill(new double[][] {theta}, SEED, STREAM);
        repeated.setPoint(theta, SEED, STREAM + 1);
        SampledEstimator single = estimator(game, baseline, 16, 64, 3, false);
        single.prefill(theta, SEED, STREAM);
        single.setPoint(theta, SEED, STREAM + 1);
        assertSameEstimates(single, repeated, v);
    }

    @ParameterizedTest
    @EnumSource(value = BaselineKind.class, names = {"MEAN"})
    void buffersThatDoNotFitOrHoldDataAreNotShared(BaselineKind baseline) {
        IteratedGame game = game();
        SampledEstimator owner = estimator(game, baseline, 16, 64, 0, true);
        assertFalse(estimator(game, baseline, 16, 48, 0, true).shareReplay(owner));
        assertFalse(estimator(game, baseline, 16, 0, 0, false).shareReplay(owner));
        assertFalse(owner.shareReplay(owner));
        SampledEstimator used = estimator(game, baseline, 16, 64, 0, true);
        used.setPoint(point(game, 6), SEED, 0);
        assertFalse(used.shareReplay(owner));
        assertFalse(estimator(game, baseline, 16, 64, 0, true).shareReplay(new ExactGradients(game)));
    }

    @ParameterizedTest
    @EnumSource(value = BaselineKind.class, names = {"MEAN"})
    void effectiveSampleSizeFallsOffPolicyAndPrefillIsRefusedTwice(BaselineKind baseline) {
        IteratedGame game = game();
        double[] a = point(game, 7);
        double[] b = point(game, 8);
        SampledEstimator est = estimator(game, baseline, 16, 64, 2, false);
        est.prefill(a, SEED, 9);
        assertThrows(IllegalStateException.class, () -> est.prefill(a, SEED, 9));
        est.setPoint(a, SEED, 0);
        assertEquals(48, est.effectiveSampleSize(), 1e-9);
        est.revisit(b);
        double moved = est.effectiveSampleSize();
        assertTrue(moved >= 1 && moved < 48, "ESS " + moved);
        est.revisit(a);
        assertEquals(48, est.effectiveSampleSize(), 1e-9);
        est.reset();
        assertTrue(est.awaitsPrefill());
        assertThrows(UnsupportedOperationException.class, () -> new ExactGradients(game).prefill(a, SEED, 0));
        assertTrue(Double.isNaN(new ExactGradients(game).effectiveSampleSize()));
    }
}
