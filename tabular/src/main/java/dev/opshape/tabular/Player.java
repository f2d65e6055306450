package dev.opshape.tabular;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One player of a {@link TabularModel}: its actions, and what it observes in each state. A tabular policy has one
 * block of logits per observation (see {@link dev.opshape.tabular.policy.ParameterLayout}), so two states with the
 * same observation share the player's choice there.
 *
 * <p>Immutable; the observation table is copied in and out.
 */
public final class Player {

    private final String name;
    private final List<String> actions;
    private final List<String> observations;
    private final int[] observationOfState;

    /**
     * @param name               the player's name in reports, for example {@code agent1}
     * @param actions            the labels of its k &gt;= 2 actions, distinct and non-blank
     * @param observations       the labels of its observations, distinct and non-blank
     * @param observationOfState the observation index (in [0, observations.size())) of every state of the model
     * @throws InvalidModelException naming the bad entry
     */
    public Player(String name, List<String> actions, List<String> observations, int[] observationOfState) {
        this.name = Objects.requireNonNull(name, "name");
        this.actions = labels(name, "actions", actions, 2);
        this.observations = labels(name, "observations", observations, 1);
        if (observationOfState == null || observationOfState.length == 0) {
            throw new InvalidModelException("player '" + name + "': no observation per state given");
        }
        this.observationOfState = observationOfState.clone();
        for (int s = 0; s < this.observationOfState.length; s++) {
            int o = this.observationOfState[s];
            if (o < 0 || o >= this.observations.size()) {
                throw new InvalidModelException("player '" + name + "': state " + s + " has observation " + o
                        + "; observations are 0.." + (this.observations.size() - 1));
            }
        }
    }

    private static List<String> labels(String player, String what, List<String> labels, int minimum) {
        if (labels == null || labels.size() < minimum) {
            throw new InvalidModelException("player '" + player + "': " + what + " "
                    + (labels == null ? "missing" : labels) + "; at least " + minimum + " needed");
        }
        if (labels.stream().anyMatch(l -> l == null || l.isBlank()) || labels.stream().distinct().count()
                != labels.size()) {
            throw new InvalidModelException("player '" + player + "': " + what + " " + labels
                    + " must be distinct, non-empty labels");
        }
        return List.copyOf(labels);
    }

    /** The player's name in reports. */
    public String name() {
        return name;
    }

    /** Number of actions k &gt;= 2. */
    public int numActions() {
        return actions.size();
    }

    /** The action labels, index = action. */
    public List<String> actions() {
        return actions;
    }

    /** Number of distinct observations (one logit block each). */
    public int numObservations() {
        return observations.size();
    }

    /** The observation labels, index = observation. */
    public List<String> observations() {
        return observations;
    }

    /** The observation the player makes in the given state. */
    public int observation(int state) {
        return observationOfState[state];
    }

    /** A copy of the observation of every state (length = the model's number of states). */
    public int[] observationTable() {
        return observationOfState.clone();
    }

    /** Number of states the observation table covers. */
    int numStates() {
        return observationOfState.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Player p && name.equals(p.name) && actions.equals(p.actions)
                && observations.equals(p.observations) && Arrays.equals(observationOfState, p.observationOfState);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, actions, observations, Arrays.hashCode(observationOfState));
    }

    @Override
    public String toString() {
        return name + actions;
    }
}
