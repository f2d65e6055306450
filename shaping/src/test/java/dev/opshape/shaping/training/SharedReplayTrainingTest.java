package dev.opshape.shaping.training;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.ProgressListener;
import dev.opshape.shaping.agent.AgentCatalog;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.tabular.catalog.ComponentSpec;
import dev.opshape.shaping.learner.Learner;
import dev.opshape.shaping.learner.LearningRule;
import dev.opshape.shaping.learner.UpdateKey;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed paper's replay buffer in training, observed through the effective sample size (ESS) the trainer records:
 * at K = 1 every lookahead push of update 0 is drawn at the initial joint point, so every importance weight of update
 * 0 is 1 and the ESS counts the trajectories in the buffer. Agent 1's direction is computed first: with one buffer
 * shared by the pairing, agent 2's estimate at update 0 sees both agents' pushes (2 B), with one buffer each only its
 * own (B); a pre-fill of P batches adds P B trajectories from the initial policies before the first push.
 */
class SharedReplayTrainingTest {

    private static final IteratedGame IPD = IteratedGame.infinite(BuiltInGames.IPD, 0.96);
    private static final int BATCH = 16;

    private static LearningRule rule(String replayKeys) {
        return AgentCatalog.create(ComponentSpec.parse("lola:k=1:eta=0.3:est=dice:batch=" + BATCH
                + ":horizon=10:" + replayKeys), new AgentDefaults(0.3));
    }

    private static RunResult run(String keys1, String keys2, int steps) {
        TrainingConfig c = new TrainingConfig(IPD, rule(keys1), rule(keys2), steps, 0.1, Optimizer.Kind.ADAM,
                new Initialisation.Normal(1.0), null, null, 1, 7);
        return Trainer.run(c, 0, ProgressListener.NONE);
    }

    @Test
    void bothAgentsPushIntoOneSharedBufferAgentOneFirst() {
        EffectiveSampleSizes shared = run("offpolicy=64:replay=shared", "offpolicy=64:replay=shared", 3)
                .effectiveSampleSizes();
        assertEquals(BATCH, shared.ess(0, 0), 1e-9);
        assertEquals(2 * BATCH, shared.ess(1, 0), 1e-9);
        // Update 1: agent 1 sees the two pushes of update 0 (older policies) and its fresh one.
        assertTrue(shared.ess(0, 1) > BATCH && shared.ess(0, 1) < 3 * BATCH, "ESS " + shared.ess(0, 1));

        // Negative control: one buffer each.
        EffectiveSampleSizes own = run("offpolicy=64", "offpolicy=64", 3).effectiveSampleSizes();
        assertEquals(BATCH, own.ess(0, 0), 1e-9);
        assertEquals(BATCH, own.ess(1, 0), 1e-9);
        // Sharing needs both agents to ask for it.
        EffectiveSampleSizes half = run("offpolicy=64:replay=shared", "offpolicy=64", 1).effectiveSampleSizes();
        assertEquals(BATCH, half.ess(1, 0), 1e-9);
    }

    @Test
    void aPrefilledBufferStartsFullOfTrajectoriesFromTheInitialPolicies() {
        EffectiveSampleSizes warm = run("offpolicy=64:prefill=3:replay=shared", "offpolicy=64:prefill=3:replay=shared",
                2).effectiveSampleSizes();
        // Agent 1's push fills the 64 slots after the 48 pre-filled; agent 2's replaces the oldest 16 by 16 more
        // drawn at the same point, and only the shared buffer is pre-filled, once.
        assertEquals(64, warm.ess(0, 0), 1e-9);
        assertEquals(64, warm.ess(1, 0), 1e-9);
        EffectiveSampleSizes own = run("offpolicy=64:prefill=2", "offpolicy=64:prefill=1", 1).effectiveSampleSizes();
        assertEquals(3 * BATCH, own.ess(0, 0), 1e-9);
        assertEquals(2 * BATCH, own.ess(1, 0), 1e-9);
    }

    /**
     * A LOLA-DiCE update of both agents with the shared, pre-filled buffer allocates nothing after warm-up (the
     * thread's allocated-bytes counter; the fewest bytes over three attempts, as in the estimators' allocation test).
     */
    @Test
    void aSharedBufferUpdateAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        LearningRule rule = rule("offpolicy=64:prefill=2:replay=shared:baseline=learned");
        Learner first = rule.newLearner(IPD, 0);
        Learner second = rule.newLearner(IPD, 1);
        first.pairWith(second);
        second.pairWith(first);
        double[] theta = new double[IPD.jointDimension()];
        double[] out1 = new double[IPD.dimension(0)];
        double[] out2 = new double[IPD.dimension(1)];
        UpdateKey[] keys = new dev.opshape.shaping.learner.UpdateKey[4000];
        for (int u = 0; u < keys.length; u++) {
            keys[u] = new UpdateKey(3, 0, u);
        }
        for (int u = 0; u < 3000; u++) {
            theta[u % theta.length] += 0.01;
            first.direction(theta, keys[u], out1);
            second.direction(theta, keys[u], out2);
        }
        long allocated = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3 && allocated > 0; attempt++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int u = 3000 + 100 * attempt; u < 3030 + 100 * attempt; u++) {
                first.direction(theta, keys[u], out1);
                second.direction(theta, keys[u], out2);
            }
            allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
        }
        assertEquals(0, allocated, "bytes allocated by 30 updates of both agents");
    }

    @Test
    void sharedRunsAreReproducibleAndOnPolicyRunsRecordNoEffectiveSampleSize() {
        RunResult a = run("offpolicy=64:prefill=2:replay=shared", "offpolicy=64:prefill=2:replay=shared", 5);
        RunResult b = run("offpolicy=64:prefill=2:replay=shared", "offpolicy=64:prefill=2:replay=shared", 5);
        assertArrayEquals(a.theta1(), b.theta1(), 0.0);
        assertArrayEquals(a.effectiveSampleSizes().ess2(), b.effectiveSampleSizes().ess2(), 0.0);
        RunResult own = run("offpolicy=64:prefill=2", "offpolicy=64:prefill=2", 5);
        assertTrue(own.theta1()[0] != a.theta1()[0], "sharing changed nothing");
        assertNull(run("baseline=mean", "baseline=mean", 1).effectiveSampleSizes());
    }
}
