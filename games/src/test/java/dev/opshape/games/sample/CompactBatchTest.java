package dev.opshape.games.sample;

import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.tabular.sample.TrajectoryBatch;
import dev.opshape.tabular.sample.TrajectorySampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compact batches hold what the full ones hold, reduced: the sampler writes the same trajectories into both (its
 * compact path draws two trajectories at a time, the full one one at a time, so odd and even ranges at odd and even
 * starts are both exercised), the outcome of every step is a1 * m + a2 of the full batch's actions, and the joint
 * log-probability is logProb1 + logProb2 bit for bit. The per-agent accessors refuse a compact batch with a message
 * saying what to use instead.
 */
class CompactBatchTest {

    static Stream<Arguments> cases() {
        SplittableRandom random = new SplittableRandom(0xC0DEL);
        List<Arguments> cases = new ArrayList<>();
        for (String name : List.of("ipd", "rps", "asym-2x3")) {
            for (int c = 0; c < 4; c++) {
                int capacity = 1 + random.nextInt(9);
                int from = random.nextInt(capacity + 1);
                int to = from + random.nextInt(capacity - from + 1);
                cases.add(Arguments.of(name, capacity, from, to, 1 + random.nextInt(30), random.nextLong(),
                        c == 3));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} B={1} [{2}, {3}) T={4}")
    @MethodSource("cases")
    void compactBatchesHoldTheFullBatchesOutcomesAndLogProbabilities(String name, int capacity, int from, int to,
                                                                    int steps, long seed, boolean deterministic) {
        MatrixGame stage = SamplingFixtures.game(name);
        IteratedGame game = IteratedGame.finite(stage, 0.9, steps);
        SplittableRandom random = new SplittableRandom(seed);
        double[] theta1 = SamplingFixtures.randomLogits(random, game.dimension(0), 1.5);
        double[] theta2 = SamplingFixtures.randomLogits(random, game.dimension(1), 1.5);
        if (deterministic) {
            theta1[0] = Double.NEGATIVE_INFINITY;
            theta2[theta2.length - 1] = Double.POSITIVE_INFINITY;
        }
        TrajectorySampler sampler = new TrajectorySampler(game);
        TrajectoryBatch full = TrajectoryBatch.full(2, capacity, steps, false);
        TrajectoryBatch bare = TrajectoryBatch.compact(capacity, steps, false, false);
        TrajectoryBatch withLogProb = TrajectoryBatch.compact(capacity, steps, true, false);
        sampler.sample(theta1, theta2, seed, 3, full, from, to);
        sampler.sample(theta1, theta2, seed, 3, bare, from, to);
        sampler.sample(theta1, theta2, seed, 3, withLogProb, from, to);
        int m = stage.columns();
        for (int i = from * steps; i < to * steps; i++) {
            assertEquals(full.action(0)[i] * m + full.action(1)[i], full.cell()[i] % (m * stage.rows()),
                    "full joint action " + i);
            assertEquals(full.cell()[i], bare.cell()[i], "compact outcome " + i);
            assertEquals(full.cell()[i], withLogProb.cell()[i], "compact outcome " + i);
            double joint = full.logProb(0)[i] + full.logProb(1)[i];
            assertEquals(Double.doubleToRawLongBits(joint), Double.doubleToRawLongBits(full.jointLogProb()[i]),
                    "full joint log-probability " + i);
            assertEquals(Double.doubleToRawLongBits(joint), Double.doubleToRawLongBits(withLogProb.jointLogProb()[i]),
                    "compact joint log-probability " + i);
        }
        // Outside the range nothing was written.
        for (int i = 0; i < capacity * steps; i++) {
            if (i < from * steps || i >= to * steps) {
                assertEquals(0, bare.cell()[i], "outcome " + i + " outside the range");
            }
        }
    }

    @Test
    void compactBatchesRefuseThePerAgentArraysAndSayWhy() {
        TrajectoryBatch bare = TrajectoryBatch.compact(2, 3, false, false);
        assertFalse(bare.isFull());
        assertFalse(bare.hasLogProbabilities());
        assertEquals(6, bare.cell().length);
        for (Runnable access : List.<Runnable>of(() -> bare.observation(0), () -> bare.action(1), () -> bare.reward(0), () -> bare.logProb(1),
                () -> bare.reward(1), () -> bare.discountedReturn(0, 1, 0.9))) {
            String message = assertThrows(IllegalStateException.class, access::run).getMessage();
            assertTrue(message.contains("compact") && message.contains("TrajectoryBatch.full"), message);
        }
        String message = assertThrows(IllegalStateException.class, bare::jointLogProb).getMessage();
        assertTrue(message.contains("logProbabilities = true"), message);

        TrajectoryBatch withLogProb = TrajectoryBatch.compact(2, 3, true, false);
        assertTrue(withLogProb.hasLogProbabilities());
        assertEquals(6, withLogProb.jointLogProb().length);
        TrajectoryBatch full = TrajectoryBatch.full(2, 2, 3, false);
        assertTrue(full.isFull() && full.hasLogProbabilities());
        assertArrayEquals(new int[6], full.cell());
        assertThrows(IllegalArgumentException.class, () -> TrajectoryBatch.compact(0, 3, false, false));
    }
}
