package dev.opshape.games;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which named social-dilemma orderings each built-in game satisfies, read as R = u(C,C), S = u(C,D), T = u(D,C),
 * P = u(D,D) from agent 1's payoffs (the values are the games' documented payoffs, so each expectation below can be
 * checked by hand), and that the conditions are declared not applicable where they have no meaning.
 */
class DilemmaConditionsTest {

    @Test
    void ipdIsAPrisonersDilemmaWhereMutualCooperationBeatsAlternation() {
        // R = -1, S = -3, T = 0, P = -2: T > R > P > S and 2R = -2 > T + S = -3.
        DilemmaConditions d = BuiltInGames.IPD.dilemma();
        assertTrue(d.applicable());
        assertEquals(-1, d.reward(), 0.0);
        assertEquals(-3, d.sucker(), 0.0);
        assertEquals(0, d.temptation(), 0.0);
        assertEquals(-2, d.punishment(), 0.0);
        assertTrue(d.prisonersDilemma());
        assertTrue(d.mutualCooperationBeatsAlternation());
        assertFalse(d.stagHunt());
        assertFalse(d.chicken());
        assertEquals(List.of("T>R>P>S", "2R>T+S"), d.holding());
        assertEquals("prisoner's dilemma (T>R>P>S, 2R>T+S)", d.summary());
    }

    @Test
    void stagHuntHasTheStagHuntOrdering() {
        // R = 2, S = 0, T = 1, P = 1: R > T >= P > S; not a PD (T < R); 2R = 4 > T + S = 1.
        DilemmaConditions d = BuiltInGames.STAG_HUNT.dilemma();
        assertTrue(d.applicable());
        assertTrue(d.stagHunt());
        assertFalse(d.prisonersDilemma());
        assertFalse(d.chicken());
        assertEquals(List.of("2R>T+S", "R>T>=P>S"), d.holding());
        assertTrue(d.summary().startsWith("stag hunt"), d.summary());
    }

    @Test
    void chickenHasTheChickenOrdering() {
        // R = 0, S = -1, T = 1, P = -10: T > R > S > P; not a PD (P < S); 2R = 0 = T + S, so not 2R > T + S.
        DilemmaConditions d = BuiltInGames.CHICKEN.dilemma();
        assertTrue(d.applicable());
        assertTrue(d.chicken());
        assertFalse(d.prisonersDilemma());
        assertFalse(d.stagHunt());
        assertFalse(d.mutualCooperationBeatsAlternation());
        assertEquals(List.of("T>R>S>P"), d.holding());
        assertTrue(d.summary().startsWith("chicken"), d.summary());
    }

    @Test
    void asymmetricAndLargerGamesAreNotApplicable() {
        // BOS and IMP are 2 x 2 but agent 2's payoffs are not agent 1's transposed; RPS is 3 x 3.
        for (MatrixGame game : List.of(BuiltInGames.BOS, BuiltInGames.IMP, BuiltInGames.RPS)) {
            DilemmaConditions d = game.dilemma();
            assertFalse(d.applicable(), game.name());
            assertFalse(d.prisonersDilemma() || d.stagHunt() || d.chicken()
                    || d.mutualCooperationBeatsAlternation(), game.name());
            assertTrue(Double.isNaN(d.reward()), game.name());
            assertEquals(List.of(), d.holding(), game.name());
            assertEquals("not a symmetric 2x2 game", d.summary(), game.name());
        }
    }

    @Test
    void prisonersDilemmaWithoutTheIteratedCondition() {
        // R = 3, S = 0, T = 10, P = 1: T > R > P > S, but 2R = 6 < T + S = 10 (alternating exploitation pays more).
        MatrixGame game = MatrixGame.symmetric("pd-alternation", "", "", List.of("C", "D"),
                new double[][] {{3, 0}, {10, 1}});
        DilemmaConditions d = game.dilemma();
        assertTrue(d.prisonersDilemma());
        assertFalse(d.mutualCooperationBeatsAlternation());
        assertEquals(List.of("T>R>P>S"), d.holding());
    }

    @Test
    void symmetricGameWithoutAClassicOrdering() {
        // R = 1, S = 1, T = 1, P = 1: no strict ordering holds.
        MatrixGame flat = MatrixGame.symmetric("flat", "", "", List.of("C", "D"), new double[][] {{1, 1}, {1, 1}});
        DilemmaConditions d = flat.dilemma();
        assertTrue(d.applicable());
        assertEquals(List.of(), d.holding());
        assertEquals("no classic dilemma ordering", d.summary());
    }
}
