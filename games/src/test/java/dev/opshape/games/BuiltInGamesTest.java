package dev.opshape.games;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalogue of built-in games: lookup by name, a fixed order, a cited source for every game, and the payoffs the
 * design fixes (docs/conventions.md#builtin-games: IPD and IMP as in the LOLA paper).
 */
class BuiltInGamesTest {

    @Test
    void namesInAFixedOrder() {
        assertEquals(List.of("ipd", "axelrod-pd", "imp", "stag-hunt", "chicken", "bos", "rps"), BuiltInGames.names());
        assertEquals(BuiltInGames.names(), BuiltInGames.all().stream().map(MatrixGame::name).toList());
    }

    @Test
    void lookupIsCaseInsensitive() {
        assertSame(BuiltInGames.IPD, BuiltInGames.byName("ipd").orElseThrow());
        assertSame(BuiltInGames.IPD, BuiltInGames.byName("IPD").orElseThrow());
        assertSame(BuiltInGames.STAG_HUNT, BuiltInGames.byName("Stag-Hunt").orElseThrow());
        for (MatrixGame game : BuiltInGames.all()) {
            assertSame(game, BuiltInGames.byName(game.name()).orElseThrow());
        }
    }

    @Test
    void unknownNamesAreAbsent() {
        assertTrue(BuiltInGames.byName("pd").isEmpty());
        assertTrue(BuiltInGames.byName("").isEmpty());
        assertTrue(BuiltInGames.byName(null).isEmpty());
    }

    @Test
    void catalogueCannotBeModified() {
        assertThrows(UnsupportedOperationException.class, () -> BuiltInGames.all().clear());
        assertThrows(UnsupportedOperationException.class, () -> BuiltInGames.names().clear());
    }

    @Test
    void everyGameCitesASourceAndDescribesItself() {
        for (MatrixGame game : BuiltInGames.all()) {
            assertFalse(game.source().isBlank(), game.name());
            assertFalse(game.description().isBlank(), game.name());
        }
    }

    @Test
    void ipdPayoffsAreTheLolaPapers() {
        MatrixGame ipd = BuiltInGames.IPD;
        assertArrayEquals(new double[][] {{-1, -3}, {0, -2}}, ipd.payoffMatrix(0));
        assertArrayEquals(new double[][] {{-1, 0}, {-3, -2}}, ipd.payoffMatrix(1), "R2 = R1 transposed");
        assertEquals(List.of("C", "D"), ipd.actions(0));
    }

    @Test
    void impIsZeroSumMatchingPennies() {
        MatrixGame imp = BuiltInGames.IMP;
        assertArrayEquals(new double[][] {{1, -1}, {-1, 1}}, imp.payoffMatrix(0));
        assertArrayEquals(new double[][] {{-1, 1}, {1, -1}}, imp.payoffMatrix(1), "R2 = -R1");
    }

    @Test
    void rpsIsZeroSumAndSymmetric() {
        MatrixGame rps = BuiltInGames.RPS;
        assertEquals(3, rps.rows());
        assertEquals(List.of("R", "P", "S"), rps.actions(0));
        // paper beats rock, scissors beat paper, rock beats scissors
        assertEquals(1, rps.payoff(0, 1, 0), 0.0);
        assertEquals(1, rps.payoff(0, 2, 1), 0.0);
        assertEquals(1, rps.payoff(0, 0, 2), 0.0);
        assertTrue(rps.isSymmetric());
        for (int a1 = 0; a1 < 3; a1++) {
            for (int a2 = 0; a2 < 3; a2++) {
                assertEquals(0, rps.payoff(0, a1, a2) + rps.payoff(1, a1, a2), 0.0);
            }
        }
    }
}
