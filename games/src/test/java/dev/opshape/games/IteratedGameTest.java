package dev.opshape.games;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The discount and horizon of an iterated game: gamma must lie in [0, 1), the horizon is a number of moves or 0 for
 * infinity, and the discount mass sum_{t &lt; T} gamma^t that turns values into average rewards.
 */
class IteratedGameTest {

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0, 1.5, Double.NaN, Double.POSITIVE_INFINITY})
    void discountOutsideTheUnitIntervalIsRejected(double gamma) {
        InvalidGameException e = assertThrows(InvalidGameException.class,
                () -> IteratedGame.infinite(BuiltInGames.IPD, gamma));
        assertTrue(e.getMessage().contains("gamma = " + gamma) && e.getMessage().contains("[0, 1)"),
                e.getMessage());
    }

    @Test
    void negativeHorizonIsRejected() {
        InvalidGameException e = assertThrows(InvalidGameException.class,
                () -> new IteratedGame(BuiltInGames.IPD, 0.9, -1));
        assertTrue(e.getMessage().contains("horizon = -1"), e.getMessage());
        e = assertThrows(InvalidGameException.class, () -> IteratedGame.finite(BuiltInGames.IPD, 0.9, 0));
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

    @Test
    void dimensionsFollowTheLayout() {
        IteratedGame ipd = IteratedGame.infinite(BuiltInGames.IPD, 0.96);
        assertEquals(5, ipd.dimension(0));
        assertEquals(10, ipd.jointDimension());
        IteratedGame rps = IteratedGame.infinite(BuiltInGames.RPS, 0.96);
        assertEquals(30, rps.dimension(1), "10 states x 3 softmax logits");
    }
}
