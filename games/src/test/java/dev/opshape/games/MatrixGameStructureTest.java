package dev.opshape.games;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The indexing conventions of a game (docs/conventions.md#joint-outcomes): joint outcome a1 * m + a2, agent 2's payoffs
 * as a matrix
 * indexed by agent 1's action first, generated labels, defensive copies, and the symmetry and constant-sum tests.
 */
class MatrixGameStructureTest {

    /** A 2 x 3 game with every payoff distinct, so that any index mix-up shows. */
    private static final MatrixGame TWO_BY_THREE = new MatrixGame("g", "", "", null, List.of("x", "y", "z"),
            new double[][] {{1, 2, 3}, {4, 5, 6}}, new double[][] {{10, 20, 30}, {40, 50, 60}});

    @Test
    void dimensionsAndOutcomeIndexing() {
        assertEquals(2, TWO_BY_THREE.rows());
        assertEquals(3, TWO_BY_THREE.columns());
        assertEquals(2, TWO_BY_THREE.numActions(0));
        assertEquals(3, TWO_BY_THREE.numActions(1));
        assertEquals(6, TWO_BY_THREE.numOutcomes());
        assertEquals(0, TWO_BY_THREE.outcome(0, 0));
        assertEquals(2, TWO_BY_THREE.outcome(0, 2));
        assertEquals(3, TWO_BY_THREE.outcome(1, 0));
        assertEquals(5, TWO_BY_THREE.outcome(1, 2));
    }

    @Test
    void outcomeRewardsFollowTheOutcomeIndex() {
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, TWO_BY_THREE.outcomeRewards(0), 0.0);
        assertArrayEquals(new double[] {10, 20, 30, 40, 50, 60}, TWO_BY_THREE.outcomeRewards(1), 0.0);
        assertEquals(60, TWO_BY_THREE.payoff(1, 1, 2), 0.0);
        assertEquals(3, TWO_BY_THREE.payoff(0, 0, 2), 0.0);
    }

    @Test
    void labelsAreGeneratedWhenAbsent() {
        assertEquals(List.of("0", "1"), TWO_BY_THREE.actions(0));
        assertEquals(List.of("x", "y", "z"), TWO_BY_THREE.actions(1));
    }

    @Test
    void payoffsAreCopiedInAndOut() {
        double[][] payoffs = {{1, 2}, {3, 4}};
        MatrixGame game = MatrixGame.symmetric("g", "", "", List.of("C", "D"), payoffs);
        payoffs[0][0] = 99;
        assertEquals(1, game.payoff(0, 0, 0), 0.0, "the constructor must copy its input");
        game.payoffMatrix(0)[0][1] = 99;
        assertEquals(2, game.payoff(0, 0, 1), 0.0, "payoffMatrix must return a copy");
    }

    @Test
    void symmetricGameTransposesAgentOnesPayoffs() {
        MatrixGame game = MatrixGame.symmetric("g", "", "", List.of("C", "D"), new double[][] {{1, 2}, {3, 4}});
        assertArrayEquals(new double[] {1, 3, 2, 4}, game.outcomeRewards(1), 0.0);
        assertTrue(game.isSymmetric());
        assertFalse(TWO_BY_THREE.isSymmetric(), "a non-square game is not symmetric");
        assertFalse(BuiltInGames.BOS.isSymmetric());
    }

    @Test
    void constantSumIsDetected() {
        assertTrue(BuiltInGames.IMP.isConstantSum());
        assertTrue(BuiltInGames.RPS.isConstantSum());
        assertFalse(BuiltInGames.IPD.isConstantSum());
        MatrixGame shifted = new MatrixGame("g", "", "", null, null, new double[][] {{1, 3}, {0, 2}},
                new double[][] {{4, 2}, {5, 3}});
        assertTrue(shifted.isConstantSum(), "payoffs summing to 5 everywhere");
    }
}
