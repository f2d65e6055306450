package dev.opshape.shaping.bias;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.learner.Learner;
import dev.opshape.shaping.learner.LookaheadLola;
import dev.opshape.shaping.learner.UpdateKey;
import dev.opshape.shaping.training.Optimizer;
import dev.opshape.tabular.TabularProblem;

/**
 * A parameter point of a bias study: both agents' logits, and optionally the iterates of the training path that led
 * there (a replay buffer's pre-fill is then drawn along that path, as a training run's buffer would have been filled).
 *
 * @param theta1  agent 1's logits
 * @param theta2  agent 2's logits
 * @param history the joint vectors of the iterates before the point, oldest first (empty: none)
 */
public record StudyPoint(double[] theta1, double[] theta2,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) double[][] history) {

    /** Adam's step on the logits and the lookahead step of the warm path: the seed paper's IPD training setting. */
    public static final double PATH_LR = 0.1;
    public static final double PATH_ETA = 0.3;
    /** The most iterates a point keeps of its path. */
    public static final int MAX_HISTORY = 64;

    public StudyPoint {
        theta1 = theta1.clone();
        theta2 = theta2.clone();
        double[][] copy = new double[history.length][];
        for (int i = 0; i < history.length; i++) {
            copy[i] = history[i].clone();
        }
        history = copy;
    }

    /** A point without a path. */
    public StudyPoint(double[] theta1, double[] theta2) {
        this(theta1, theta2, new double[0][]);
    }

    /** The joint vector (theta1, theta2) of the problem's layout (a new array). */
    public double[] joint(TabularProblem problem) {
        return problem.layout().join(theta1, theta2);
    }

    /**
     * The point reached from {@code start} after {@code updates} updates of exact LOLA (K = 1, lookahead
     * {@value #PATH_ETA}) for both agents with Adam ({@value #PATH_LR}), the seed paper's IPD training rule, with the
     * last min(updates, {@value #MAX_HISTORY}) iterates before it as its history: a point of a training run, with what
     * that run's replay buffer would have been filled from.
     *
     * @param updates &gt;= 1
     */
    public static StudyPoint alongExactPath(IteratedGame game, StudyPoint start, int updates) {
        if (updates < 1) {
            throw new IllegalArgumentException("updates = " + updates + "; a path needs at least 1 update");
        }
        LookaheadLola rule = LookaheadLola.exact(1, PATH_ETA);
        Learner[] learners = {rule.newLearner(game, 0), rule.newLearner(game, 1)};
        double[][] theta = {start.theta1().clone(), start.theta2().clone()};
        Optimizer[] adam = {Optimizer.Kind.ADAM.create(PATH_LR, theta[0].length),
            Optimizer.Kind.ADAM.create(PATH_LR, theta[1].length)};
        double[][] direction = {new double[theta[0].length], new double[theta[1].length]};
        int kept = Math.min(updates, MAX_HISTORY);
        double[][] history = new double[kept][];
        UpdateKey key = new UpdateKey(0, 0, 0);
        for (int u = 0; u < updates; u++) {
            double[] joint = game.layout().join(theta[0], theta[1]);
            if (u >= updates - kept) {
                history[u - (updates - kept)] = joint;
            }
            for (int i = 0; i < 2; i++) {
                learners[i].direction(joint, key, direction[i]);
            }
            for (int i = 0; i < 2; i++) {
                adam[i].step(theta[i], direction[i]);
            }
        }
        return new StudyPoint(theta[0], theta[1], history);
    }
}
