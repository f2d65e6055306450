package dev.opshape.tabular.policy;

import dev.opshape.tabular.InvalidModelException;
import dev.opshape.tabular.Player;
import dev.opshape.tabular.TabularModel;

/**
 * Where every logit of a tabular policy lives in the joint parameter vector theta of all players: player 0's block
 * first, then player 1's, and so on. Player i's block holds one sub-block per observation o, in observation order:
 * one logit when the player has two actions (p(action 0) = sigmoid(logit)), otherwise k logits and a softmax over
 * them (see {@link ActionLogits}). So the first logit of (player i, observation o) is at
 * {@code offset(i) + o * logitsPerObservation(i)}.
 *
 * <p>Every gradient, Hessian-vector product and direction of the exact and sampled machinery is over this joint
 * vector. Immutable.
 */
public final class ParameterLayout {

    private final String[] playerNames;
    private final String[][] observationLabels;
    private final String[][] actionLabels;
    private final int[] numActions;
    private final int[] numObservations;
    private final int[] logitsPerObservation;
    private final int[] offset;
    private final int dimension;

    /** The layout of the model's tabular policies. */
    public ParameterLayout(TabularModel model) {
        int n = model.numPlayers();
        this.playerNames = new String[n];
        this.observationLabels = new String[n][];
        this.actionLabels = new String[n][];
        this.numActions = new int[n];
        this.numObservations = new int[n];
        this.logitsPerObservation = new int[n];
        this.offset = new int[n];
        int at = 0;
        for (int i = 0; i < n; i++) {
            Player p = model.player(i);
            playerNames[i] = p.name();
            observationLabels[i] = p.observations().toArray(new String[0]);
            actionLabels[i] = p.actions().toArray(new String[0]);
            numActions[i] = p.numActions();
            numObservations[i] = p.numObservations();
            logitsPerObservation[i] = ActionLogits.logitsFor(numActions[i]);
            offset[i] = at;
            at = Math.addExact(at, Math.multiplyExact(numObservations[i], logitsPerObservation[i]));
        }
        this.dimension = at;
    }

    /** Number of players. */
    public int numPlayers() {
        return offset.length;
    }

    /** Length of the joint vector. */
    public int dimension() {
        return dimension;
    }

    /** Length of player i's block. */
    public int dimension(int player) {
        return numObservations[player] * logitsPerObservation[player];
    }

    /** Index of player i's first logit in the joint vector. */
    public int offset(int player) {
        return offset[player];
    }

    /** Index of the first logit of player i's observation o in the joint vector. */
    public int offset(int player, int observation) {
        return offset[player] + observation * logitsPerObservation[player];
    }

    /** Number of player i's actions. */
    public int numActions(int player) {
        return numActions[player];
    }

    /** Number of player i's observations (logit sub-blocks). */
    public int numObservations(int player) {
        return numObservations[player];
    }

    /** 1 for a two-action player (sigmoid), else its number of actions (softmax). */
    public int logitsPerObservation(int player) {
        return logitsPerObservation[player];
    }

    /** The player whose block holds joint index j. */
    public int playerOf(int index) {
        checkIndex(index);
        int i = offset.length - 1;
        while (offset[i] > index) {
            i--;
        }
        return i;
    }

    /**
     * The name of joint entry j for reports: {@code player.observation} for a sigmoid logit (for example
     * {@code agent1.CD}), {@code player.observation.action} for a softmax logit.
     */
    public String entryName(int index) {
        int i = playerOf(index);
        int local = index - offset[i];
        int l = logitsPerObservation[i];
        String base = playerNames[i] + "." + observationLabels[i][local / l];
        return l == 1 ? base : base + "." + actionLabels[i][local % l];
    }

    /** Copies player i's block of the joint vector into {@code out} (its length at least {@link #dimension(int)}). */
    public void block(double[] joint, int player, double[] out) {
        System.arraycopy(joint, offset[player], out, 0, dimension(player));
    }

    /** Writes player i's block into the joint vector. */
    public void setBlock(double[] joint, int player, double[] block) {
        System.arraycopy(block, 0, joint, offset[player], dimension(player));
    }

    /** A new joint vector from one block per player, in player order. */
    public double[] join(double[]... blocks) {
        if (blocks.length != offset.length) {
            throw new InvalidModelException(blocks.length + " parameter blocks given; the model has " + offset.length
                    + " players");
        }
        double[] joint = new double[dimension];
        for (int i = 0; i < blocks.length; i++) {
            checkBlock("theta" + (i + 1), i, blocks[i]);
            setBlock(joint, i, blocks[i]);
        }
        return joint;
    }

    /**
     * Checks a joint vector: length {@link #dimension()}, no NaN (+-infinity allowed: deterministic choices).
     *
     * @param name how the vector is named in the message
     * @throws InvalidModelException naming the vector and the bad entry
     */
    public void check(String name, double[] theta) {
        checkLength(name, theta, dimension);
        checkNotNaN(name, theta);
    }

    /** Checks player i's block as {@link #check} does. */
    public void checkBlock(String name, int player, double[] block) {
        checkLength(name, block, dimension(player));
        checkNotNaN(name, block);
    }

    private static void checkLength(String name, double[] theta, int expected) {
        if (theta == null || theta.length != expected) {
            throw new InvalidModelException(name + " has " + (theta == null ? "no" : theta.length)
                    + " logits; this model needs " + expected);
        }
    }

    private static void checkNotNaN(String name, double[] theta) {
        for (int c = 0; c < theta.length; c++) {
            if (Double.isNaN(theta[c])) {
                throw new InvalidModelException(name + "[" + c + "] is NaN; logits must be numbers (+-Infinity "
                        + "allowed for deterministic choices)");
            }
        }
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= dimension) {
            throw new IndexOutOfBoundsException("index " + index + " is outside [0, " + dimension + ")");
        }
    }
}
