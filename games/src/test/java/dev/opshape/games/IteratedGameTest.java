package dev.opshape.games;

import dev.opshape.tabular.InvalidModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The discount and horizon of an iterated game: gamma must lie in [0, 1) for the infinite horizon and in [0, 1] for
 * a finite one, the horizon is a number of moves or 0 for infinity, and the discount mass sum_{t &lt; T} gamma^t that
 * turns values into average rewards; trembling-hand noise in [0, 1] and the affine map it puts on the policies.
 */
class IteratedGameTest {

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0, 1.5, Double.NaN, Double.POSITIVE_INFINITY})
    void discountOutsideTheUnitIntervalIsRejected(double gamma) {
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> IteratedGame.infinite(BuiltInGames.IPD, gamma));
        assertTrue(e.getMessage().contains("gamma = " + gamma) && e.getMessage().contains("[0, 1)"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0000001, 1.5, Double.NaN, Double.POSITIVE_INFINITY})
    void aFiniteHorizonTakesDiscountsUpToOne(double gamma) {
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> IteratedGame.finite(BuiltInGames.IPD, gamma, 200));
        assertTrue(e.getMessage().contains("gamma = " + gamma) && e.getMessage().contains("[0, 1]"),
                e.getMessage());
        IteratedGame undiscounted = IteratedGame.finite(BuiltInGames.IPD, 1.0, 200);
        assertEquals(200.0, undiscounted.discountMass(), 0.0);
        InvalidModelException infinite = assertThrows(InvalidModelException.class,
                () -> undiscounted.withHorizon(IteratedGame.INFINITE));
        assertTrue(infinite.getMessage().contains("[0, 1) for an infinite horizon"), infinite.getMessage());
    }

    @Test
    void negativeHorizonIsRejected() {
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> new IteratedGame(BuiltInGames.IPD, 0.9, -1));
        assertTrue(e.getMessage().contains("horizon = -1"), e.getMessage());
        e = assertThrows(InvalidModelException.class, () -> IteratedGame.finite(BuiltInGames.IPD, 0.9, 0));
        assertTrue(e.getMessage().contains("horizon = 0") && e.getMessage().contains(">= 1"), e.getMessage());
    }

    @Test
    void horizonZeroMeansInfinite() {
        IteratedGame game = IteratedGame.infinite(BuiltInGames.IPD, 0.96);
        assertFalse(game.isFinite());
        assertEquals(IteratedGame.INFINITE, game.horizon());
        assertTrue(game.withHorizon(150).isFinite());
        assertEquals(150, game.withHorizon(150).horizon());
    }

    @Test
    void discountMass() {
        assertEquals(25.0, IteratedGame.infinite(BuiltInGames.IPD, 0.96).discountMass(), 1e-12);
        assertEquals(1.0, IteratedGame.infinite(BuiltInGames.IPD, 0.0).discountMass(), 0.0);
        assertEquals(1.0, IteratedGame.finite(BuiltInGames.IPD, 0.5, 1).discountMass(), 0.0);
        assertEquals(1.75, IteratedGame.finite(BuiltInGames.IPD, 0.5, 3).discountMass(), 0.0);
        assertEquals((1 - Math.pow(0.96, 150)) / 0.04,
                IteratedGame.finite(BuiltInGames.IPD, 0.96, 150).discountMass(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, -0.0001, 1.0000001, 2.0, Double.NaN, Double.POSITIVE_INFINITY})
    void noiseOutsideItsRangeIsRejected(double noise) {
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> new IteratedGame(BuiltInGames.IPD, 0.9, 0, noise));
        assertTrue(e.getMessage().contains("noise = " + noise) && e.getMessage().contains("[0, 1]"),
                e.getMessage());
        assertThrows(InvalidModelException.class, () -> IteratedGame.infinite(BuiltInGames.IPD, 0.9).withNoise(noise));
    }

    @Test
    void noiseIsKeptByWithHorizonAndDefaultsToZero() {
        IteratedGame plain = IteratedGame.infinite(BuiltInGames.IPD, 0.96);
        assertEquals(0.0, plain.noise(), 0.0);
        assertFalse(plain.isNoisy());
        assertEquals(plain, plain.withNoise(0.0));
        IteratedGame noisy = plain.withNoise(0.1);
        assertTrue(noisy.isNoisy());
        assertEquals(0.1, noisy.withHorizon(50).noise(), 0.0);
        assertEquals(50, noisy.withHorizon(50).horizon());
        assertEquals(0.96, noisy.gamma(), 0.0);
    }

    /** pi' = f + c pi: for k actions f = e / (k - 1) and c = 1 - e k / (k - 1); exactly (0, 1) without noise. */
    @Test
    void trembleFloorAndScale() {
        IteratedGame ipd = IteratedGame.infinite(BuiltInGames.IPD, 0.9);
        assertEquals(1.0, ipd.trembleScale(0), 0.0);
        assertEquals(0.0, ipd.trembleFloor(1), 0.0);
        IteratedGame noisyIpd = ipd.withNoise(0.1);
        assertEquals(0.8, noisyIpd.trembleScale(0), 1e-15);
        assertEquals(0.1, noisyIpd.trembleFloor(1), 1e-15);
        IteratedGame rps = IteratedGame.infinite(BuiltInGames.RPS, 0.9).withNoise(0.3);
        assertEquals(1 - 0.3 * 1.5, rps.trembleScale(1), 1e-15);
        assertEquals(0.15, rps.trembleFloor(0), 1e-15);
        // Executed probabilities still sum to 1: k f + c = 1.
        assertEquals(1.0, 3 * rps.trembleFloor(0) + rps.trembleScale(0), 1e-15);
    }

    @Test
    void dimensionsFollowTheLayout() {
        IteratedGame ipd = IteratedGame.infinite(BuiltInGames.IPD, 0.96);
        assertEquals(5, ipd.dimension(0));
        assertEquals(10, ipd.jointDimension());
        IteratedGame rps = IteratedGame.infinite(BuiltInGames.RPS, 0.96);
        assertEquals(30, rps.dimension(1), "10 states x 3 softmax logits");
    }
}
