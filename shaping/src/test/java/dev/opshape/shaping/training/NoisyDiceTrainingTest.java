package dev.opshape.shaping.training;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.ProgressListener;
import dev.opshape.shaping.agent.AgentCatalog;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.shaping.learner.LearningRule;
import dev.opshape.tabular.catalog.ComponentSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LOLA-DiCE (sampled lookahead, Hessian products and outer gradient) trains in the IPD with trembling-hand noise:
 * the runs finish with finite logits, are reproducible bit for bit for any number of threads, and learn something
 * else than in the noiseless game from the same seeds (the trajectories tremble).
 */
class NoisyDiceTrainingTest {

    private static TrainingConfig config(double noise) {
        LearningRule rule = AgentCatalog.create(ComponentSpec.parse("lola:k=1:est=dice:batch=32:horizon=50:eta=0.1"),
                AgentDefaults.standard());
        return new TrainingConfig(IteratedGame.infinite(BuiltInGames.IPD, 0.96).withNoise(noise), rule, rule, 30,
                0.2, Optimizer.Kind.SGD, new Initialisation.Normal(1.0), null, null, 3, 11);
    }

    @Test
    void lolaDiceTrainsInTheNoisyIpd() {
        TrainingResult one = Trainer.train(config(0.05), 1, ProgressListener.NONE);
        TrainingResult two = Trainer.train(config(0.05), 2, ProgressListener.NONE);
        TrainingResult plain = Trainer.train(config(0.0), 2, ProgressListener.NONE);
        for (int r = 0; r < 3; r++) {
            RunResult run = one.runs().get(r);
            for (double x : run.theta1()) {
                assertTrue(Double.isFinite(x), "finite logits");
            }
            assertArrayEquals(run.theta1(), two.runs().get(r).theta1(), 0.0, "thread-count independent");
            assertArrayEquals(run.theta2(), two.runs().get(r).theta2(), 0.0, "thread-count independent");
            assertFalse(java.util.Arrays.equals(run.theta1(), plain.runs().get(r).theta1()), "noise matters");
        }
    }
}
