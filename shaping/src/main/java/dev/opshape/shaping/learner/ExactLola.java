package dev.opshape.shaping.learner;

import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.estimator.EstimatorSpec;

import java.util.Locale;

/** Both agents' exact LOLA directions at one point, in the lookahead (LOLA-K) or first-order Taylor form. */
public final class ExactLola {

    /** The two forms of LOLA. */
    public enum Form {
        /** LOLA-K: the total derivative through K exact opponent steps ({@link LookaheadLola}). */
        LOOKAHEAD,
        /** First-order Taylor LOLA of Foerster et al. 2018 ({@link TaylorLola}; K is then 1). */
        TAYLOR;

        /** The name used on the command line, {@code lookahead} or {@code taylor}. */
        public String display() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private ExactLola() {
    }

    /** The exact learning rule of the given form. */
    public static LearningRule rule(Form form, int k, double eta) {
        return form == Form.TAYLOR ? new TaylorLola(eta, false, EstimatorSpec.EXACT) : LookaheadLola.exact(k, eta);
    }

    /**
     * Both agents' update directions under one rule at the point (theta1, theta2): directions[i] is agent i's, over
     * its own logits. Builds the learners (allocates): not for hot loops.
     */
    public static double[][] directions(LearningRule rule, IteratedGame game, double[] theta1, double[] theta2) {
        double[] theta = game.layout().join(theta1, theta2);
        double[][] directions = new double[2][];
        for (int agent = 0; agent < 2; agent++) {
            directions[agent] = new double[game.dimension(agent)];
            rule.newLearner(game, agent).direction(theta, new UpdateKey(0, 0, 0), directions[agent]);
        }
        return directions;
    }
}
