package dev.opshape.shaping.learner;

import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.policy.ParameterLayout;

import java.util.Arrays;

/**
 * Where an agent's and its opponent's logits sit in the joint vector of a two-player problem, and the small block
 * operations every learner needs. Immutable.
 */
final class JointBlocks {

    final int agent;
    final int opponent;
    final int dim;
    final int ownOffset;
    final int ownLength;
    final int oppOffset;
    final int oppLength;

    JointBlocks(TabularProblem problem, int agent) {
        ParameterLayout layout = problem.layout();
        if (layout.numPlayers() != 2) {
            throw new IllegalArgumentException("this learner needs a two-player game; " + problem.model().name()
                    + " has " + layout.numPlayers() + " players");
        }
        if (agent != 0 && agent != 1) {
            throw new IllegalArgumentException("agent = " + agent + "; must be 0 or 1");
        }
        this.agent = agent;
        this.opponent = 1 - agent;
        this.dim = layout.dimension();
        this.ownOffset = layout.offset(agent);
        this.ownLength = layout.dimension(agent);
        this.oppOffset = layout.offset(opponent);
        this.oppLength = layout.dimension(opponent);
    }

    /** Copies the own block of the joint vector {@code joint} into {@code out} (own length). */
    void own(double[] joint, double[] out) {
        System.arraycopy(joint, ownOffset, out, 0, ownLength);
    }

    /** Copies the opponent's block of the joint vector {@code joint} into {@code out} (opponent length). */
    void opponent(double[] joint, double[] out) {
        System.arraycopy(joint, oppOffset, out, 0, oppLength);
    }

    /** out := (own block 0, opponent block = w). */
    void opponentDirection(double[] w, double[] out) {
        Arrays.fill(out, ownOffset, ownOffset + ownLength, 0.0);
        System.arraycopy(w, 0, out, oppOffset, oppLength);
    }

    /** out := (own block 0, opponent block = the opponent block of the joint vector {@code joint}). */
    void opponentPart(double[] joint, double[] out) {
        Arrays.fill(out, ownOffset, ownOffset + ownLength, 0.0);
        System.arraycopy(joint, oppOffset, out, oppOffset, oppLength);
    }

    /** Overwrites only the opponent block of the joint vector {@code out} with {@code opp}. */
    void placeOpponent(double[] opp, double[] out) {
        System.arraycopy(opp, 0, out, oppOffset, oppLength);
    }

    /** out := the joint vector with the own block {@code own} and the opponent block {@code opp}. */
    void join(double[] own, double[] opp, double[] out) {
        System.arraycopy(own, 0, out, ownOffset, ownLength);
        System.arraycopy(opp, 0, out, oppOffset, oppLength);
    }
}
