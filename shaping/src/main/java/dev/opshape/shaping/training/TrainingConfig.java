package dev.opshape.shaping.training;

import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.learner.LearningRule;
import dev.opshape.shaping.learner.StreamIndex;

import java.util.Objects;

/**
 * Everything that determines a training experiment: two agents learn simultaneously for {@code steps} updates, in
 * {@code runs} independent runs. Immutable.
 *
 * @param game      the iterated game (its horizon decides the exact values the learners and the curves use)
 * @param agent1    agent 1's learning rule
 * @param agent2    agent 2's learning rule
 * @param steps     number of updates N &gt;= 0
 * @param lr        outer step size (the optimiser's learning rate)
 * @param optimizer SGD or Adam
 * @param init      initial logits of learning agents without a given start
 * @param start1    agent 1's given initial logits, or null
 * @param start2    agent 2's given initial logits, or null
 * @param runs      number of independent runs R &gt;= 1 (run r uses streams keyed by r)
 * @param seed      master seed
 */
public record TrainingConfig(IteratedGame game, LearningRule agent1, LearningRule agent2, int steps, double lr,
                             Optimizer.Kind optimizer, Initialisation init, double[] start1, double[] start2,
                             int runs, long seed) {

    /** The defaults of the LOLA paper's exact experiments (Foerster et al. 2018): 200 steps of SGD with lr 1. */
    public static final int DEFAULT_STEPS = 200;
    public static final double DEFAULT_LR = 1.0;

    public TrainingConfig {
        Objects.requireNonNull(game, "game");
        Objects.requireNonNull(agent1, "agent1");
        Objects.requireNonNull(agent2, "agent2");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(init, "init");
        if (steps < 0) {
            throw new IllegalArgumentException("steps = " + steps + "; the number of updates must be >= 0");
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("lr = " + lr + "; the learning rate must be a positive number");
        }
        if (runs < 1 || runs > StreamIndex.MAX_RUN + 1) {
            throw new IllegalArgumentException("runs = " + runs + "; must be in [1, " + (StreamIndex.MAX_RUN + 1)
                    + "] (the run indices the random streams can key)");
        }
        if (start1 != null && start1.length != game.dimension(0)) {
            throw new IllegalArgumentException("theta1 has " + start1.length + " logits; this game needs "
                    + game.dimension(0));
        }
        if (start2 != null && start2.length != game.dimension(1)) {
            throw new IllegalArgumentException("theta2 has " + start2.length + " logits; this game needs "
                    + game.dimension(1));
        }
        start1 = start1 == null ? null : start1.clone();
        start2 = start2 == null ? null : start2.clone();
    }

    /** The rule of agent 0 or 1. */
    public LearningRule agent(int agent) {
        return agent == 0 ? agent1 : agent2;
    }

    /**
     * The initial logits of the agent in run r: a fixed strategy's own logits, else the given start, else a draw
     * from {@link #init()} (a new array).
     */
    public double[] initialLogits(int agent, int run) {
        LearningRule rule = agent(agent);
        double[] fixed = rule.fixedLogits(game, agent);
        if (fixed != null) {
            return fixed;
        }
        double[] given = agent == 0 ? start1 : start2;
        return given != null ? given.clone() : init.draw(game, agent, seed, run);
    }
}
