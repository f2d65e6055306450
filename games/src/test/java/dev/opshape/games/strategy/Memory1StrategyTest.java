package dev.opshape.games.strategy;

import dev.opshape.games.BuiltInGames;
import dev.opshape.tabular.InvalidModelException;
import dev.opshape.tabular.policy.ActionLogits;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fixed memory-1 strategy is a table of action probabilities per own-view state: the table is validated, copied,
 * and turned into the logits whose sigmoid or softmax gives the table back.
 */
class Memory1StrategyTest {

    @Test
    void probabilitiesOutsideTheUnitIntervalAreRejected() {
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> Memory1Strategy.ofCooperation("bad", 1, 1.2, 0, 0, 0));
        assertTrue(e.getMessage().contains("probability 1.2 is outside [0, 1]"), e.getMessage());
        e = assertThrows(InvalidModelException.class,
                () -> new Memory1Strategy("bad", 2, new double[] {Double.NaN, 1}));
        assertTrue(e.getMessage().contains("probability NaN"), e.getMessage());
    }

    @Test
    void rowsMustSumToOne() {
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> new Memory1Strategy("bad", 3, new double[] {0.5, 0.5, 0, 0.2, 0.2, 0.2}));
        assertTrue(e.getMessage().contains("state 1 sum to 0.6"), e.getMessage());
    }

    @Test
    void tableMustFormWholeRows() {
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> new Memory1Strategy("bad", 3, new double[] {0.5, 0.5}));
        assertTrue(e.getMessage().contains("do not form rows of 3 actions"), e.getMessage());
    }

    @Test
    void tableIsCopied() {
        double[] table = {1, 0, 0.5, 0.5};
        Memory1Strategy s = new Memory1Strategy("s", 2, table);
        table[0] = 0;
        assertEquals(1, s.probability(0, 0), 0.0);
    }

    @Test
    void softmaxLogitsReproduceTheTable() {
        double[] table = new double[30];
        for (int state = 0; state < 10; state++) {
            table[3 * state] = 0.2;
            table[3 * state + 1] = 0.3;
            table[3 * state + 2] = 0.5;
        }
        table[3 * 4] = 0.0;
        table[3 * 4 + 1] = 0.5;
        Memory1Strategy s = new Memory1Strategy("s", 3, table);
        double[] logits = s.logits(BuiltInGames.RPS, 1);
        double[] pi = new double[3];
        for (int state = 0; state < 10; state++) {
            ActionLogits.probabilities(logits, 3 * state, 3, pi, 0);
            assertArrayEquals(new double[] {table[3 * state], table[3 * state + 1], table[3 * state + 2]}, pi,
                    1e-15, "state " + state);
        }
    }

    @Test
    void sigmoidLogitsReproduceTheTable() {
        Memory1Strategy s = Memory1Strategy.ofCooperation("s", 0.1, 0.9, 0.5, 1, 0);
        double[] logits = s.logits(BuiltInGames.IPD, 0);
        for (int state = 0; state < 5; state++) {
            assertEquals(s.probability(state, 0), ActionLogits.sigmoid(logits[state]), 1e-15, "state " + state);
        }
    }
}
