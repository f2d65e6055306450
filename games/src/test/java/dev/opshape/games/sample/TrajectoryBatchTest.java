package dev.opshape.games.sample;

import dev.opshape.tabular.sample.TrajectoryBatch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrajectoryBatchTest {

    @Test
    void layoutIsTrajectoryMajorWithOneArrayEntryPerStep() {
        TrajectoryBatch batch = TrajectoryBatch.full(2, 3, 7, false);
        assertEquals(3, batch.capacity());
        assertEquals(7, batch.steps());
        assertEquals(0, batch.index(0, 0));
        assertEquals(6, batch.index(0, 6));
        assertEquals(7, batch.index(1, 0));
        assertEquals(20, batch.index(2, 6));
        for (int agent = 0; agent < 2; agent++) {
            assertEquals(21, batch.observation(agent).length);
            assertEquals(21, batch.action(agent).length);
            assertEquals(21, batch.reward(agent).length);
            assertEquals(21, batch.logProb(agent).length);
        }
        // The by-agent accessors are the live named arrays, not copies.
        assertSame(batch.observation(0), batch.observation(0));
        assertSame(batch.observation(1), batch.observation(1));
        assertSame(batch.action(1), batch.action(1));
        assertSame(batch.reward(0), batch.reward(0));
        assertSame(batch.logProb(1), batch.logProb(1));
    }

    @Test
    void discountedReturnWeighsStepTByGammaToTheT() {
        TrajectoryBatch batch = TrajectoryBatch.full(2, 2, 3, false);
        double[] r1 = batch.reward(0);
        double[] r2 = batch.reward(1);
        // trajectory 1: rewards 1, 2, 4 for agent 1 and -1, 0, 3 for agent 2
        r1[3] = 1;
        r1[4] = 2;
        r1[5] = 4;
        r2[3] = -1;
        r2[5] = 3;
        assertEquals(1 + 0.5 * 2 + 0.25 * 4, batch.discountedReturn(0, 1, 0.5), 0.0);
        assertEquals(-1 + 0.25 * 3, batch.discountedReturn(1, 1, 0.5), 0.0);
        assertEquals(0, batch.discountedReturn(0, 0, 0.5), 0.0);
        assertThrows(IndexOutOfBoundsException.class, () -> batch.discountedReturn(0, 2, 0.5));
        assertThrows(IllegalArgumentException.class, () -> batch.discountedReturn(2, 0, 0.5));
    }

    @Test
    void rejectsEmptyOrOversizedBatches() {
        String message = assertThrows(IllegalArgumentException.class, () -> TrajectoryBatch.full(2, 0, 5, false)).getMessage();
        assertTrue(message.contains("B = 0"), message);
        message = assertThrows(IllegalArgumentException.class, () -> TrajectoryBatch.full(2, 5, -1, false)).getMessage();
        assertTrue(message.contains("T = -1"), message);
        message = assertThrows(IllegalArgumentException.class,
                () -> TrajectoryBatch.full(2, 100_000, 100_000, false)).getMessage();
        assertTrue(message.contains("100000 x 100000"), message);
    }
}
