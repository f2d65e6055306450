package dev.opshape.shaping.learner;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.strategy.FixedStrategies;
import dev.opshape.shaping.agent.AgentCatalog;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.tabular.catalog.ComponentSpec;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LOLA's opponent model: the Laplace-smoothed counts, checked on a deterministic play where every count is known,
 * and the shaped direction, which approaches the direction computed with the opponent's true logits as the observed
 * episodes grow (the model's error falls as 1 / sqrt(episodes)), with the small-batch gap as the negative control.
 */
class OpponentModellingTest {

    private static final IteratedGame IPD = IteratedGame.infinite(BuiltInGames.IPD, 0.96);

    /** A rule whose learner records the joint point it is asked about. */
    private static final class Recorder implements LearningRule {
        double[] seen;

        @Override
        public Learner newLearner(IteratedGame game, int agent) {
            return new Learner() {
                @Override
                public int agent() {
                    return agent;
                }

                @Override
                public boolean learns() {
                    return true;
                }

                @Override
                public void direction(double[] theta, UpdateKey key, double[] out) {
                    seen = theta.clone();
                }
            };
        }

        @Override
        public String describe() {
            return "recorder";
        }
    }

    /**
     * TFT (agent 1) against ALLD (agent 2), 10 episodes of 5 moves: the play is CD then DD, DD, DD, so ALLD, seen
     * from its own side, is in state start 10 times, DC 10 times and DD 30 times, always defecting; CC and CD are
     * never visited. The model's p(C) is (0 + 1) / (n + 2): 1/12, 1/12, 1/32, and 1/2 where unvisited.
     */
    @Test
    void laplaceSmoothedCountsOfADeterministicPlay() {
        Recorder recorder = new Recorder();
        Learner learner = new OpponentModelling(recorder, 10, 5).newLearner(IPD, 0);
        double[] theta = IPD.layout().join(FixedStrategies.create("tft", BuiltInGames.IPD, 0).logits(
                BuiltInGames.IPD, 0), FixedStrategies.create("alld", BuiltInGames.IPD, 1).logits(BuiltInGames.IPD, 1));
        learner.direction(theta, new UpdateKey(3, 0, 0), new double[IPD.dimension(0)]);
        double[] expected = {1.0 / 12, 0.5, 0.5, 1.0 / 12, 1.0 / 32};
        int offset = IPD.layout().offset(1);
        for (int o = 0; o < 5; o++) {
            double p = 1 / (1 + Math.exp(-recorder.seen[offset + o]));
            assertEquals(expected[o], p, 1e-12, "state " + o);
        }
        for (int c = 0; c < offset; c++) {
            assertEquals(theta[c], recorder.seen[c], 0.0, "the agent's own logits are kept");
        }
    }

    @Test
    void theModelledDirectionApproachesTheTrueOneAsEpisodesGrow() {
        SplittableRandom random = new SplittableRandom(9);
        LearningRule plain = AgentCatalog.create(ComponentSpec.parse("lola"), AgentDefaults.standard());
        double small = 0;
        double large = 0;
        for (int point = 0; point < 4; point++) {
            double[] theta = new double[IPD.jointDimension()];
            for (int k = 0; k < theta.length; k++) {
                theta[k] = random.nextGaussian() * 0.5;
            }
            double[] truth = new double[IPD.dimension(0)];
            plain.newLearner(IPD, 0).direction(theta, new UpdateKey(1, point, 0), truth);
            small += error(theta, truth, 16, point);
            large += error(theta, truth, 4096, point);
        }
        assertTrue(large < small / 6, "error with 4096 episodes " + large + " vs 16 episodes " + small);
        assertTrue(small > 0.05, "negative control: 16 episodes leave a visible gap, " + small);
    }

    private static double error(double[] theta, double[] truth, int episodes, int point) {
        LearningRule om = AgentCatalog.create(ComponentSpec.parse("lola:om=counts:ombatch=" + episodes
                + ":omhorizon=20"), AgentDefaults.standard());
        double[] out = new double[truth.length];
        om.newLearner(IPD, 0).direction(theta, new UpdateKey(1, point, 0), out);
        double sum = 0;
        double norm = 0;
        for (int c = 0; c < out.length; c++) {
            sum += (out[c] - truth[c]) * (out[c] - truth[c]);
            norm += truth[c] * truth[c];
        }
        return Math.sqrt(sum / norm);
    }
}
