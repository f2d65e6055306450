package dev.opshape.games.strategy;

import dev.opshape.games.MatrixGame;
import dev.opshape.games.policy.PolicyLayout;
import dev.opshape.tabular.InvalidModelException;
import dev.opshape.tabular.policy.ActionLogits;

import java.util.Arrays;

/**
 * A fixed memory-1 strategy given by its action probabilities in each own-view state (state 0 = start, then the
 * previous joint outcome with the agent's own action first; see {@link PolicyLayout}). Because states are seen from
 * the agent's own side, the same strategy (for example tit-for-tat) is the same table for either agent.
 *
 * <p>Instances are immutable. {@link #logits(MatrixGame, int)} turns the table into the logit vector of the exact and
 * sampled machinery; probabilities 0 and 1 become logits -infinity and +infinity.
 */
public final class Memory1Strategy {

    private final String name;
    private final int numActions;
    private final double[] probabilities;

    /**
     * @param name          display name, for example {@code tft}
     * @param numActions    k, the number of actions of the agent that plays it
     * @param probabilities numStates x k probabilities, row-major (index state * k + action); each row sums to 1
     * @throws InvalidModelException if a probability is outside [0, 1] or a row does not sum to 1 (within 1e-9)
     */
    public Memory1Strategy(String name, int numActions, double[] probabilities) {
        this.name = name;
        this.numActions = numActions;
        if (numActions < 2 || probabilities.length % numActions != 0) {
            throw new InvalidModelException("strategy '" + name + "': " + probabilities.length
                    + " probabilities do not form rows of " + numActions + " actions");
        }
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            if (!(p >= 0 && p <= 1)) {
                throw new InvalidModelException("strategy '" + name + "': probability " + p
                        + " is outside [0, 1]");
            }
        }
        for (int s = 0; s < probabilities.length / numActions; s++) {
            double sum = 0;
            for (int a = 0; a < numActions; a++) {
                sum += probabilities[s * numActions + a];
            }
            if (Math.abs(sum - 1.0) > 1e-9) {
                throw new InvalidModelException("strategy '" + name + "': the probabilities of state " + s
                        + " sum to " + sum + "; they must sum to 1");
            }
        }
        this.probabilities = probabilities.clone();
    }

    /**
     * A two-action strategy from its probabilities of action 0 (cooperate) by own-view state: for a 2 x 2 game
     * the order is [start, CC, CD, DC, DD].
     */
    public static Memory1Strategy ofCooperation(String name, double... pCooperate) {
        double[] table = new double[2 * pCooperate.length];
        for (int s = 0; s < pCooperate.length; s++) {
            table[2 * s] = pCooperate[s];
            table[2 * s + 1] = 1.0 - pCooperate[s];
        }
        return new Memory1Strategy(name, 2, table);
    }

    /** Display name. */
    public String name() {
        return name;
    }

    /** Number of actions k. */
    public int numActions() {
        return numActions;
    }

    /** Number of own-view states the table covers. */
    public int numStates() {
        return probabilities.length / numActions;
    }

    /** Probability of the action in the own-view state. */
    public double probability(int state, int action) {
        return probabilities[state * numActions + action];
    }

    /**
     * The logit vector of this strategy for the given agent of the game (a new array): log-odds of action 0 for two
     * actions, log-probabilities (softmax logits) for more.
     *
     * @throws InvalidModelException if the table does not fit the agent's number of actions and states
     */
    public double[] logits(MatrixGame game, int agent) {
        PolicyLayout layout = new PolicyLayout(game, agent);
        if (layout.numActions() != numActions || layout.numStates() != numStates()) {
            throw new InvalidModelException("strategy '" + name + "' has " + numStates() + " states of "
                    + numActions + " actions, but agent " + (agent + 1) + " of game '" + game.name() + "' has "
                    + layout.numStates() + " states of " + layout.numActions() + " actions");
        }
        double[] theta = new double[layout.dimension()];
        for (int s = 0; s < numStates(); s++) {
            if (numActions == 2) {
                theta[s] = ActionLogits.logit(probability(s, 0));
            } else {
                for (int a = 0; a < numActions; a++) {
                    theta[layout.offset(s) + a] = Math.log(probability(s, a));
                }
            }
        }
        return theta;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(probabilities);
    }
}
