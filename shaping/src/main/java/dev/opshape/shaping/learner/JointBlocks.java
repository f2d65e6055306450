package dev.opshape.shaping.learner;

import dev.opshape.games.IteratedGame;

/**
 * Where an agent's and its opponent's logits sit in the joint vector (theta1, theta2), and the small block
 * operations every learner needs. Immutable.
 */
final class JointBlocks {

    final int agent;
    final int opponent;
    final int dim1;
    final int dim;
    final int ownOffset;
    final int ownLength;
    final int oppOffset;
    final int oppLength;

    JointBlocks(IteratedGame game, int agent) {
        if (agent != 0 && agent != 1) {
            throw new IllegalArgumentException("agent = " + agent + "; must be 0 or 1");
        }
        this.agent = agent;
        this.opponent = 1 - agent;
        this.dim1 = game.dimension(0);
        this.dim = dim1 + game.dimension(1);
        this.ownOffset = agent == 0 ? 0 : dim1;
        this.ownLength = agent == 0 ? dim1 : dim - dim1;
        this.oppOffset = agent == 0 ? dim1 : 0;
        this.oppLength = dim - ownLength;
    }

    /** Copies the own block of the joint vector {@code joint} into {@code out} (own length). */
    void own(double[] joint, double[] out) {
        System.arraycopy(joint, ownOffset, out, 0, ownLength);
    }

    /** out := (own block 0, opponent block = w). */
    void opponentDirection(double[] w, double[] out) {
        java.util.Arrays.fill(out, ownOffset, ownOffset + ownLength, 0.0);
        System.arraycopy(w, 0, out, oppOffset, oppLength);
    }

    /** out := (own block 0, opponent block = the opponent block of the joint vector {@code joint}). */
    void opponentPart(double[] joint, double[] out) {
        java.util.Arrays.fill(out, ownOffset, ownOffset + ownLength, 0.0);
        System.arraycopy(joint, oppOffset, out, oppOffset, oppLength);
    }

    /** out := (own block = w, opponent block 0). */
    void ownDirection(double[] w, double[] out) {
        System.arraycopy(w, 0, out, ownOffset, ownLength);
        java.util.Arrays.fill(out, oppOffset, oppOffset + oppLength, 0.0);
    }

    /** The agent-1 and agent-2 arguments for a point where the opponent's logits are replaced. */
    double[] theta1(double[] own, double[] opp) {
        return agent == 0 ? own : opp;
    }

    double[] theta2(double[] own, double[] opp) {
        return agent == 0 ? opp : own;
    }
}
