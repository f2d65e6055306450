package dev.opshape.tabular.mdp;

import dev.opshape.tabular.InvalidModelException;
import dev.opshape.tabular.Player;
import dev.opshape.tabular.TabularModel;
import dev.opshape.tabular.TabularProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A single-agent tabular Markov decision process: S states, A &gt;= 2 actions, transition probabilities
 * P(s' | s, a), a mean reward r(s, a) and a start distribution. It is the {@link TabularModel} with one player who
 * observes the state itself, so every exact and sampled tool of the model layer applies to it unchanged; this type
 * adds the MDP's natural indexing ({@code [s][a]}, cells c = s * A + a) and the conversions the file format and the
 * random generator need.
 *
 * <p>The tabular policy has one softmax block of A logits per state (a sigmoid logit per state when A = 2), laid out
 * state by state: logit (s, a) is entry s * A + a of the parameter vector for A &gt; 2.
 *
 * <p>Immutable and thread-safe; array accessors return copies.
 */
public final class TabularMdp {

    /** The name of the MDP's single player in reports. */
    public static final String AGENT = "agent";

    private final TabularModel model;

    private TabularMdp(TabularModel model) {
        this.model = model;
    }

    /**
     * An MDP from dense tables, with states labelled {@code s0, s1, ...} and actions {@code a0, a1, ...}.
     *
     * @param name        the MDP's name in reports
     * @param transitions P[s][a][s'], S x A x S, every row a probability vector
     * @param rewards     r[s][a], S x A, finite
     * @param start       the start distribution, length S
     * @throws InvalidModelException naming the first bad shape or entry
     */
    public static TabularMdp of(String name, double[][][] transitions, double[][] rewards, double[] start) {
        if (transitions == null || transitions.length == 0) {
            throw new InvalidModelException("MDP '" + name + "': at least one state is needed");
        }
        if (transitions[0] == null || transitions[0].length < 2) {
            throw new InvalidModelException("MDP '" + name + "': at least 2 actions are needed, state 0 has "
                    + (transitions[0] == null ? 0 : transitions[0].length));
        }
        return of(name, labels("s", transitions.length), labels("a", transitions[0].length), transitions, rewards,
                start);
    }

    /**
     * An MDP from dense tables with the given state and action labels.
     *
     * @param name         the MDP's name in reports
     * @param stateLabels  S distinct, non-blank labels
     * @param actionLabels A &gt;= 2 distinct, non-blank labels
     * @param transitions  P[s][a][s'], S x A x S, every row a probability vector (rounding within
     *                     {@link TabularModel#PROBABILITY_TOLERANCE} accepted)
     * @param rewards      r[s][a], S x A, finite
     * @param start        the start distribution, length S
     * @throws InvalidModelException naming the first bad shape or entry
     */
    public static TabularMdp of(String name, List<String> stateLabels, List<String> actionLabels,
                                double[][][] transitions, double[][] rewards, double[] start) {
        Objects.requireNonNull(name, "name");
        int states = stateLabels.size();
        int actions = actionLabels.size();
        checkShape(name, "transitions", transitions, states, actions, states);
        if (rewards == null || rewards.length != states) {
            throw new InvalidModelException("MDP '" + name + "': rewards has " + (rewards == null ? 0
                    : rewards.length) + " rows; it needs one per state (" + states + ")");
        }
        for (int s = 0; s < states; s++) {
            if (rewards[s] == null || rewards[s].length != actions) {
                throw new InvalidModelException("MDP '" + name + "': rewards[" + s + "] has " + (rewards[s] == null
                        ? 0 : rewards[s].length) + " entries; it needs one per action (" + actions + ")");
            }
        }
        int[] identity = new int[states];
        for (int s = 0; s < states; s++) {
            identity[s] = s;
        }
        Player agent = new Player(AGENT, actionLabels, stateLabels, identity);
        TabularModel.Builder builder = TabularModel.builder(name, stateLabels, List.of(agent))
                .startDistribution(start);
        for (int s = 0; s < states; s++) {
            for (int a = 0; a < actions; a++) {
                builder.transitionRow(s, a, transitions[s][a]);
                builder.reward(0, s, a, rewards[s][a]);
            }
        }
        return new TabularMdp(builder.build());
    }

    /**
     * The MDP view of a model that is one: one player whose observations are the states themselves, in order.
     *
     * @throws InvalidModelException if the model has more than one player or its player does not see the state
     */
    public static TabularMdp fromModel(TabularModel model) {
        if (model.numPlayers() != 1) {
            throw new InvalidModelException("model '" + model.name() + "' has " + model.numPlayers()
                    + " players; an MDP has one");
        }
        Player p = model.player(0);
        boolean seesState = p.numObservations() == model.numStates();
        for (int s = 0; s < model.numStates() && seesState; s++) {
            seesState = p.observation(s) == s;
        }
        if (!seesState) {
            throw new InvalidModelException("model '" + model.name() + "': its player does not observe the state; "
                    + "an MDP's agent sees every state");
        }
        return new TabularMdp(model);
    }

    /** The model this MDP is (one player, observation = state). */
    public TabularModel model() {
        return model;
    }

    /**
     * The MDP played for {@code horizon} moves (0 = infinitely many) with discount gamma, without noise.
     *
     * @throws InvalidModelException if gamma or the horizon is outside what {@link TabularProblem} allows
     */
    public TabularProblem problem(double gamma, int horizon) {
        return TabularProblem.of(model, gamma, horizon, 0.0);
    }

    /** The MDP's name in reports. */
    public String name() {
        return model.name();
    }

    /** Number of states S. */
    public int numStates() {
        return model.numStates();
    }

    /** Number of actions A. */
    public int numActions() {
        return model.numJointActions();
    }

    /** The state labels. */
    public List<String> stateLabels() {
        return model.stateLabels();
    }

    /** The action labels. */
    public List<String> actionLabels() {
        return model.player(0).actions();
    }

    /** P(next | state, action). */
    public double transition(int state, int action, int next) {
        return model.transitionProbability(state, action, next);
    }

    /** The mean reward r(state, action). */
    public double reward(int state, int action) {
        return model.reward(0, state, action);
    }

    /** A copy of the rewards by cell c = s * A + a (length S * A). */
    public double[] rewardsByCell() {
        return model.rewards(0);
    }

    /** The start distribution (a copy, length S). */
    public double[] startDistribution() {
        return model.startDistribution();
    }

    /** The dense transition table P[s][a][s'] (a new array). */
    public double[][][] transitionTable() {
        int states = numStates();
        int actions = numActions();
        double[][][] p = new double[states][actions][states];
        int[] offsets = model.transitionOffsets();
        int[] next = model.nextStates();
        double[] probability = model.nextProbabilities();
        for (int c = 0; c < states * actions; c++) {
            for (int k = offsets[c]; k < offsets[c + 1]; k++) {
                p[c / actions][c % actions][next[k]] = probability[k];
            }
        }
        return p;
    }

    /** The dense reward table r[s][a] (a new array). */
    public double[][] rewardTable() {
        int actions = numActions();
        double[] byCell = rewardsByCell();
        double[][] r = new double[numStates()][actions];
        for (int c = 0; c < byCell.length; c++) {
            r[c / actions][c % actions] = byCell[c];
        }
        return r;
    }

    /**
     * The same MDP with its rewards replaced, for example r + eta for an intrinsic reward eta.
     *
     * @param byCell the new rewards by cell c = s * A + a, length S * A, finite (copied)
     * @throws InvalidModelException if the length is wrong or a reward is not finite
     */
    public TabularMdp withRewards(double[] byCell) {
        return new TabularMdp(model.withRewards(0, byCell));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TabularMdp m && model.equals(m.model);
    }

    @Override
    public int hashCode() {
        return model.hashCode();
    }

    @Override
    public String toString() {
        return "MDP " + name() + ": " + numStates() + " states, " + numActions() + " actions";
    }

    private static List<String> labels(String prefix, int count) {
        List<String> labels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            labels.add(prefix + i);
        }
        return labels;
    }

    private static void checkShape(String name, String field, double[][][] table, int n0, int n1, int n2) {
        if (table == null || table.length != n0) {
            throw new InvalidModelException("MDP '" + name + "': " + field + " has " + (table == null ? 0
                    : table.length) + " entries; it needs one per state (" + n0 + ")");
        }
        for (int i = 0; i < n0; i++) {
            if (table[i] == null || table[i].length != n1) {
                throw new InvalidModelException("MDP '" + name + "': " + field + "[" + i + "] has "
                        + (table[i] == null ? 0 : table[i].length) + " entries; it needs one per action (" + n1
                        + ")");
            }
            for (int j = 0; j < n1; j++) {
                if (table[i][j] == null || table[i][j].length != n2) {
                    throw new InvalidModelException("MDP '" + name + "': " + field + "[" + i + "][" + j + "] has "
                            + (table[i][j] == null ? 0 : table[i][j].length) + " entries; it needs one per next "
                            + "state (" + n2 + ")");
                }
            }
        }
    }
}
