package dev.opshape.shaping.bias;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.ProgressListener;
import dev.opshape.shaping.learner.LookaheadLola;
import dev.opshape.shaping.training.Initialisation;
import dev.opshape.shaping.training.Optimizer;
import dev.opshape.shaping.training.RunResult;
import dev.opshape.shaping.training.Trainer;
import dev.opshape.shaping.training.TrainingConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The warm path of a bias study point is a training run: exact LOLA (K = 1, eta 0.3) for both agents with Adam 0.1,
 * as {@link Trainer} runs it from the same start, and its history holds the iterates before the endpoint.
 */
class StudyPointPathTest {

    private static final IteratedGame IPD20 = IteratedGame.finite(BuiltInGames.IPD, 0.96, 20);

    @Test
    void thePathIsTheTrainersRunAndItsHistoryTheLastIterates() {
        StudyPoint start = BiasStudyConfig.randomPoints(IPD20, 1, 1.0, 3).get(0);
        StudyPoint end = StudyPoint.alongExactPath(IPD20, start, 12);
        LookaheadLola rule = LookaheadLola.exact(1, StudyPoint.PATH_ETA);
        for (int updates : new int[] {11, 12}) {
            TrainingConfig config = new TrainingConfig(IPD20, rule, rule, updates, StudyPoint.PATH_LR,
                    Optimizer.Kind.ADAM, new Initialisation.Zeros(), start.theta1(), start.theta2(), 1, 0);
            RunResult run = Trainer.run(config, 0, ProgressListener.NONE);
            double[] joint = IPD20.layout().join(run.theta1(), run.theta2());
            if (updates == 12) {
                assertArrayEquals(run.theta1(), end.theta1(), 0.0);
                assertArrayEquals(run.theta2(), end.theta2(), 0.0);
            } else {
                assertArrayEquals(joint, end.history()[11], 0.0);
            }
        }
        assertEquals(12, end.history().length);
        assertArrayEquals(start.joint(IPD20), end.history()[0], 0.0);
        assertEquals(StudyPoint.MAX_HISTORY, StudyPoint.alongExactPath(IPD20, start, 100).history().length);
        assertThrows(IllegalArgumentException.class, () -> StudyPoint.alongExactPath(IPD20, start, 0));
    }
}
