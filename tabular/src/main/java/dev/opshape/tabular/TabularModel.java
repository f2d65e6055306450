package dev.opshape.tabular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A finite tabular model: states, a start distribution, one or more players (each with its actions and its
 * observation of every state), transition probabilities that depend on the state and the joint action, and a reward
 * per player for every (state, joint action). An iterated matrix game and a single-agent MDP are both instances.
 *
 * <h2>Indexing</h2>
 * <ul>
 *   <li>States s in [0, S).</li>
 *   <li>Joint actions a in [0, A), A = k_0 k_1 ... k_{N-1}, in mixed radix with player 0 most significant:
 *       a = (..(a_0 k_1 + a_1) k_2 + ..) + a_{N-1}. For two players this is a_0 * k_1 + a_1, the joint outcome
 *       index of a matrix game (agent 1's action first).</li>
 *   <li>Cells c = s * A + a: one (state, joint action) pair. Rewards and transitions are stored by cell.</li>
 * </ul>
 * Transitions are stored sparsely, row by cell: the next states of cell c are {@code nextStates()[k]} with
 * probabilities {@code nextProbabilities()[k]} for k in {@code [transitionOffsets()[c], transitionOffsets()[c + 1])}
 * (CSR layout), in increasing order of next state. Every row sums to 1.
 *
 * <p>Immutable and thread-safe; accessors that return arrays return copies. Build one with {@link #builder}.
 */
public final class TabularModel {

    /** Largest sum of a probability row's deviation from 1 that validation accepts (rounding of given rows). */
    public static final double PROBABILITY_TOLERANCE = 1e-9;

    private final String name;
    private final List<String> stateLabels;
    private final List<Player> players;
    private final int numJointActions;
    /** actionOf[i][a]: player i's action in joint action a. */
    private final int[][] actionOf;
    private final double[] start;
    private final int[] transitionOffsets;
    private final int[] nextStates;
    private final double[] nextProbabilities;
    private final boolean deterministic;
    private final int jointActionStateOffset;
    private final double[][] rewards;

    private TabularModel(String name, List<String> stateLabels, List<Player> players, double[] start,
                         int[] transitionOffsets, int[] nextStates, double[] nextProbabilities, double[][] rewards) {
        this.name = name;
        this.stateLabels = stateLabels;
        this.players = players;
        int a = 1;
        for (Player p : players) {
            a = Math.multiplyExact(a, p.numActions());
        }
        this.numJointActions = a;
        this.actionOf = new int[players.size()][numJointActions];
        for (int joint = 0; joint < numJointActions; joint++) {
            int rest = joint;
            for (int i = players.size() - 1; i >= 0; i--) {
                int k = players.get(i).numActions();
                actionOf[i][joint] = rest % k;
                rest /= k;
            }
        }
        this.start = start;
        this.transitionOffsets = transitionOffsets;
        this.nextStates = nextStates;
        this.nextProbabilities = nextProbabilities;
        boolean det = true;
        for (int c = 0; c + 1 < transitionOffsets.length; c++) {
            det &= transitionOffsets[c + 1] - transitionOffsets[c] == 1;
        }
        this.deterministic = det;
        int offset = -1;
        if (det) {
            offset = nextStates[0];
            for (int c = 0; c + 1 < transitionOffsets.length && offset >= 0; c++) {
                if (nextStates[transitionOffsets[c]] - c % numJointActions != offset) {
                    offset = -1;
                }
            }
        }
        this.jointActionStateOffset = offset;
        this.rewards = rewards;
    }

    /**
     * A builder for a model with the given states and players (every player's observation table must cover the
     * states).
     *
     * @param name        the model's name in reports
     * @param stateLabels one distinct, non-blank label per state (S &gt;= 1)
     * @param players     N &gt;= 1 players
     */
    public static Builder builder(String name, List<String> stateLabels, List<Player> players) {
        return new Builder(name, stateLabels, players);
    }

    /** The model's name in reports. */
    public String name() {
        return name;
    }

    /** Number of states S. */
    public int numStates() {
        return stateLabels.size();
    }

    /** The state labels, index = state. */
    public List<String> stateLabels() {
        return stateLabels;
    }

    /** Number of players N. */
    public int numPlayers() {
        return players.size();
    }

    /** Player i (0-based). */
    public Player player(int i) {
        return players.get(i);
    }

    /** The players in order. */
    public List<Player> players() {
        return players;
    }

    /** Number of joint actions A (the product of the players' action counts). */
    public int numJointActions() {
        return numJointActions;
    }

    /** Number of cells S * A. */
    public int numCells() {
        return numStates() * numJointActions;
    }

    /** Player i's action in joint action a. */
    public int action(int player, int jointAction) {
        return actionOf[player][jointAction];
    }

    /** The joint action of the given per-player actions (one per player, in player order). */
    public int jointAction(int... actions) {
        if (actions.length != players.size()) {
            throw new IllegalArgumentException(actions.length + " actions given; the model has " + players.size()
                    + " players");
        }
        int joint = 0;
        for (int i = 0; i < actions.length; i++) {
            int k = players.get(i).numActions();
            if (actions[i] < 0 || actions[i] >= k) {
                throw new IllegalArgumentException("player " + i + "'s action " + actions[i] + " is outside 0.."
                        + (k - 1));
            }
            joint = joint * k + actions[i];
        }
        return joint;
    }

    /** The probability of starting in state s. */
    public double startProbability(int state) {
        return start[state];
    }

    /** A copy of the start distribution (length S). */
    public double[] startDistribution() {
        return start.clone();
    }

    /** The start state if the model always starts there, else -1. */
    public int startState() {
        for (int s = 0; s < start.length; s++) {
            if (start[s] == 1.0) {
                return s;
            }
        }
        return -1;
    }

    /** True when every cell has exactly one next state (probability 1): trajectories then need no draws for it. */
    public boolean isDeterministic() {
        return deterministic;
    }

    /**
     * The offset b &gt;= 0 such that every move leads to state b + (its joint action), whatever the state, or -1 if
     * the model has no such structure. Memory-1 iterated games have it (b = 1: the state after a move is its joint
     * outcome); a sampler uses it to compute the next state without a table lookup.
     */
    public int jointActionStateOffset() {
        return jointActionStateOffset;
    }

    /** A copy of the CSR row offsets of the transitions (length S * A + 1); see the class comment. */
    public int[] transitionOffsets() {
        return transitionOffsets.clone();
    }

    /** A copy of the next states of all cells, in CSR order. */
    public int[] nextStates() {
        return nextStates.clone();
    }

    /** A copy of the transition probabilities of all cells, in CSR order. */
    public double[] nextProbabilities() {
        return nextProbabilities.clone();
    }

    /** P(next | state, joint action). */
    public double transitionProbability(int state, int jointAction, int next) {
        int c = state * numJointActions + jointAction;
        for (int k = transitionOffsets[c]; k < transitionOffsets[c + 1]; k++) {
            if (nextStates[k] == next) {
                return nextProbabilities[k];
            }
        }
        return 0.0;
    }

    /** A copy of player i's rewards by cell (length S * A). */
    public double[] rewards(int player) {
        return rewards[player].clone();
    }

    /** Player i's reward in state s under joint action a. */
    public double reward(int player, int state, int jointAction) {
        return rewards[player][state * numJointActions + jointAction];
    }

    /**
     * The same model with player i's rewards replaced (for example a reward shaped by an intrinsic term).
     *
     * @param player  the player whose rewards change
     * @param byCell  the new rewards by cell, length S * A, all finite (copied)
     * @throws InvalidModelException if the length is wrong or a reward is not finite
     */
    public TabularModel withRewards(int player, double[] byCell) {
        double[][] copy = new double[rewards.length][];
        for (int i = 0; i < rewards.length; i++) {
            copy[i] = i == player ? checkedRewards(name, i, byCell, numCells()) : rewards[i];
        }
        return new TabularModel(name, stateLabels, players, start, transitionOffsets, nextStates, nextProbabilities,
                copy);
    }

    private static double[] checkedRewards(String name, int player, double[] byCell, int cells) {
        if (byCell == null || byCell.length != cells) {
            throw new InvalidModelException("model '" + name + "': player " + player + " needs " + cells
                    + " rewards (one per state and joint action), not " + (byCell == null ? 0 : byCell.length));
        }
        for (int c = 0; c < cells; c++) {
            if (!Double.isFinite(byCell[c])) {
                throw new InvalidModelException("model '" + name + "': player " + player + "'s reward at cell " + c
                        + " is " + byCell[c] + "; rewards must be finite");
            }
        }
        return byCell.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TabularModel m && name.equals(m.name) && stateLabels.equals(m.stateLabels)
                && players.equals(m.players) && Arrays.equals(start, m.start)
                && Arrays.equals(transitionOffsets, m.transitionOffsets) && Arrays.equals(nextStates, m.nextStates)
                && Arrays.equals(nextProbabilities, m.nextProbabilities) && Arrays.deepEquals(rewards, m.rewards);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, stateLabels, players, Arrays.hashCode(start), Arrays.hashCode(nextProbabilities),
                Arrays.deepHashCode(rewards));
    }

    @Override
    public String toString() {
        return name + ": " + numStates() + " states, players " + players;
    }

    /**
     * Collects a model's start distribution, transitions and rewards, then validates everything in {@link #build}.
     * Unset rewards are 0; every cell needs transitions. Not thread-safe.
     */
    public static final class Builder {
        private final String name;
        private final List<String> stateLabels;
        private final List<Player> players;
        private final int numStates;
        private final int numJointActions;
        private final double[] start;
        /** Dense transition rows by cell while building (S * A rows of S). */
        private final double[][] rows;
        private final double[][] rewards;

        private Builder(String name, List<String> stateLabels, List<Player> players) {
            this.name = Objects.requireNonNull(name, "name");
            if (stateLabels == null || stateLabels.isEmpty()) {
                throw new InvalidModelException("model '" + name + "': at least one state is needed");
            }
            if (stateLabels.stream().anyMatch(l -> l == null || l.isBlank())
                    || stateLabels.stream().distinct().count() != stateLabels.size()) {
                throw new InvalidModelException("model '" + name + "': state labels must be distinct and non-empty");
            }
            if (players == null || players.isEmpty()) {
                throw new InvalidModelException("model '" + name + "': at least one player is needed");
            }
            this.stateLabels = List.copyOf(stateLabels);
            this.players = List.copyOf(players);
            this.numStates = stateLabels.size();
            long a = 1;
            for (Player p : players) {
                if (p.numStates() != numStates) {
                    throw new InvalidModelException("model '" + name + "': player '" + p.name() + "' observes "
                            + p.numStates() + " states; the model has " + numStates);
                }
                a *= p.numActions();
                if ((long) numStates * a * numStates > Integer.MAX_VALUE - 8) {
                    throw new InvalidModelException("model '" + name + "': " + numStates + " states and "
                            + a + "+ joint actions are too many for a tabular model");
                }
            }
            this.numJointActions = (int) a;
            this.start = new double[numStates];
            this.rows = new double[numStates * numJointActions][];
            this.rewards = new double[players.size()][numStates * numJointActions];
        }

        /** Starts every trajectory in the given state. */
        public Builder startState(int state) {
            checkState(state, "start state");
            Arrays.fill(start, 0.0);
            start[state] = 1.0;
            return this;
        }

        /** The start distribution (length S, non-negative, summing to 1; copied). */
        public Builder startDistribution(double[] distribution) {
            if (distribution == null || distribution.length != numStates) {
                throw new InvalidModelException("model '" + name + "': the start distribution needs " + numStates
                        + " probabilities");
            }
            System.arraycopy(distribution, 0, start, 0, numStates);
            return this;
        }

        /** Adds probability p of moving to {@code next} from the state under the joint action (accumulates). */
        public Builder transition(int state, int jointAction, int next, double p) {
            checkState(state, "state");
            checkState(next, "next state");
            checkJoint(jointAction);
            int c = state * numJointActions + jointAction;
            if (rows[c] == null) {
                rows[c] = new double[numStates];
            }
            rows[c][next] += p;
            return this;
        }

        /** The whole transition row P(. | state, joint action) (length S; replaces what was set; copied). */
        public Builder transitionRow(int state, int jointAction, double[] probabilities) {
            checkState(state, "state");
            checkJoint(jointAction);
            if (probabilities == null || probabilities.length != numStates) {
                throw new InvalidModelException("model '" + name + "': a transition row needs " + numStates
                        + " probabilities");
            }
            rows[state * numJointActions + jointAction] = probabilities.clone();
            return this;
        }

        /** Player i's reward in the state under the joint action (replaces what was set). */
        public Builder reward(int player, int state, int jointAction, double reward) {
            if (player < 0 || player >= players.size()) {
                throw new InvalidModelException("model '" + name + "': player " + player + " does not exist");
            }
            checkState(state, "state");
            checkJoint(jointAction);
            rewards[player][state * numJointActions + jointAction] = reward;
            return this;
        }

        /**
         * Validates and builds the model.
         *
         * @throws InvalidModelException if the start distribution or a transition row is not a probability vector
         *                               (non-negative, finite, summing to 1 within {@link #PROBABILITY_TOLERANCE}),
         *                               a cell has no transitions, or a reward is not finite
         */
        public TabularModel build() {
            checkDistribution(start, "the start distribution");
            int cells = numStates * numJointActions;
            int[] offsets = new int[cells + 1];
            List<Integer> next = new ArrayList<>();
            List<Double> probability = new ArrayList<>();
            for (int c = 0; c < cells; c++) {
                double[] row = rows[c];
                if (row == null) {
                    throw new InvalidModelException("model '" + name + "': state " + stateLabels.get(c
                            / numJointActions) + " under joint action " + (c % numJointActions)
                            + " has no transitions");
                }
                checkDistribution(row, "the transition row of state " + stateLabels.get(c / numJointActions)
                        + " under joint action " + (c % numJointActions));
                for (int s = 0; s < numStates; s++) {
                    if (row[s] > 0) {
                        next.add(s);
                        probability.add(row[s]);
                    }
                }
                offsets[c + 1] = next.size();
            }
            for (int i = 0; i < players.size(); i++) {
                checkedRewards(name, i, rewards[i], cells);
            }
            int[] nextStates = next.stream().mapToInt(Integer::intValue).toArray();
            double[] nextProbabilities = probability.stream().mapToDouble(Double::doubleValue).toArray();
            double[][] rewardCopy = new double[players.size()][];
            for (int i = 0; i < players.size(); i++) {
                rewardCopy[i] = rewards[i].clone();
            }
            return new TabularModel(name, stateLabels, players, start.clone(), offsets, nextStates,
                    nextProbabilities, rewardCopy);
        }

        private void checkDistribution(double[] p, String what) {
            double sum = 0;
            for (int s = 0; s < p.length; s++) {
                if (!(p[s] >= 0) || Double.isInfinite(p[s])) {
                    throw new InvalidModelException("model '" + name + "': " + what + " has probability " + p[s]
                            + " at state " + stateLabels.get(s) + "; probabilities must be finite and >= 0");
                }
                sum += p[s];
            }
            if (Math.abs(sum - 1.0) > PROBABILITY_TOLERANCE) {
                throw new InvalidModelException("model '" + name + "': " + what + " sums to " + sum
                        + "; probabilities must sum to 1");
            }
        }

        private void checkState(int state, String what) {
            if (state < 0 || state >= numStates) {
                throw new InvalidModelException("model '" + name + "': " + what + " " + state + " is outside 0.."
                        + (numStates - 1));
            }
        }

        private void checkJoint(int jointAction) {
            if (jointAction < 0 || jointAction >= numJointActions) {
                throw new InvalidModelException("model '" + name + "': joint action " + jointAction
                        + " is outside 0.." + (numJointActions - 1));
            }
        }
    }
}
