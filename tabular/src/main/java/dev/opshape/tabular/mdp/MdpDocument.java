package dev.opshape.tabular.mdp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.opshape.tabular.InvalidModelException;
import dev.opshape.tabular.io.StrictJsonFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON MDP format: one JSON object with these fields ({@code transitions} and {@code rewards} are required).
 *
 * <pre>{@code
 * {
 *   "name":        "two-rooms",                  // short identifier; default: the file name without .json
 *   "states":      ["left", "right"],            // S state labels; default "s0", "s1", ...
 *   "actions":     ["stay", "move"],             // A >= 2 action labels; default "a0", "a1", ...
 *   "startState":  0,                            // the start state (index); default 0
 *   "start":       [0.5, 0.5],                   // or a start distribution over the S states (not both)
 *   "transitions": [[[1, 0], [0.1, 0.9]],        // P[s][a][s']: S x A x S, every row sums to 1
 *                   [[0, 1], [0.9, 0.1]]],
 *   "rewards":     [[0, 0], [1, 0.5]]            // r[s][a]: S x A, the mean reward of action a in state s
 * }
 * }</pre>
 *
 * Probabilities must be finite, non-negative and sum to 1 within 1e-9 per row; rewards must be finite. Unknown
 * fields are errors, so a misspelt field is never silently ignored.
 *
 * @param name        short identifier, or null for the reader's default
 * @param states      state labels, or null for s0, s1, ...
 * @param actions     action labels, or null for a0, a1, ...
 * @param startState  the start state, or null (then {@code start}, or state 0)
 * @param start       the start distribution, or null
 * @param transitions P[s][a][s'] (required)
 * @param rewards     r[s][a] (required)
 */
@JsonPropertyOrder({"name", "states", "actions", "startState", "start", "transitions", "rewards"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MdpDocument(
        @JsonPropertyDescription("a non-empty string")
        String name,
        @JsonSetter(contentNulls = Nulls.FAIL)
        @JsonPropertyDescription("an array of S distinct, non-empty strings")
        List<String> states,
        @JsonSetter(contentNulls = Nulls.FAIL)
        @JsonPropertyDescription("an array of A >= 2 distinct, non-empty strings")
        List<String> actions,
        @JsonPropertyDescription("an integer state index in [0, S)")
        Integer startState,
        @JsonSetter(contentNulls = Nulls.FAIL)
        @JsonPropertyDescription("an array of S probabilities summing to 1")
        double[] start,
        @JsonSetter(contentNulls = Nulls.FAIL)
        @JsonPropertyDescription("an S x A x S array of probabilities P[s][a][next], each row summing to 1")
        double[][][] transitions,
        @JsonSetter(contentNulls = Nulls.FAIL)
        @JsonPropertyDescription("an S x A array of finite numbers r[s][a]")
        double[][] rewards) {

    /** What each field accepts, in document order (the words of error messages). */
    /** The strict format, shared by the reader and the writer. */
    static final StrictJsonFormat<MdpDocument> FORMAT =
            new StrictJsonFormat<>("MDP", MdpDocument.class, ", of which transitions and rewards are required");

    /** What each field accepts, in document order (the words of error messages). */
    static final Map<String, String> ALLOWED = FORMAT.allowed();

    /**
     * The document of an MDP, in the explicit form (labels always written; the start as a state when it is one),
     * so that it reads back to an equal MDP.
     */
    public static MdpDocument of(TabularMdp mdp) {
        double[] start = mdp.startDistribution();
        int startState = mdp.model().startState();
        return new MdpDocument(mdp.name(), mdp.stateLabels(), mdp.actionLabels(),
                startState >= 0 ? startState : null, startState >= 0 ? null : start, mdp.transitionTable(),
                mdp.rewardTable());
    }

    /**
     * Validates the document and builds the MDP.
     *
     * @param defaultName the name to use when the document has none
     * @throws InvalidModelException naming the field and what it accepts
     */
    public TabularMdp toMdp(String defaultName) {
        if (transitions == null) {
            throw missing("transitions");
        }
        if (rewards == null) {
            throw missing("rewards");
        }
        if (name != null && name.isBlank()) {
            throw new InvalidModelException("field 'name' is blank; it must be " + ALLOWED.get("name")
                    + " (or omitted)");
        }
        String mdpName = name != null ? name.strip() : defaultName;
        int numStates = transitions.length;
        if (numStates == 0) {
            throw new InvalidModelException("MDP '" + mdpName + "': transitions is empty; it must be "
                    + ALLOWED.get("transitions"));
        }
        int numActions = transitions[0].length;
        List<String> stateLabels = states != null ? states : labels("s", numStates);
        List<String> actionLabels = actions != null ? actions : labels("a", numActions);
        if (stateLabels.size() != numStates) {
            throw new InvalidModelException("MDP '" + mdpName + "': states has " + stateLabels.size()
                    + " labels but transitions has " + numStates + " states");
        }
        if (actionLabels.size() < 2) {
            throw new InvalidModelException("MDP '" + mdpName + "': " + actionLabels.size() + " action(s); at least 2 "
                    + "are needed (actions must be " + ALLOWED.get("actions") + ")");
        }
        if (startState != null && start != null) {
            throw new InvalidModelException("MDP '" + mdpName + "': both startState and start are given; give one "
                    + "(a state, or a distribution over the states)");
        }
        double[] startDistribution;
        if (start != null) {
            startDistribution = start;
        } else {
            int s0 = startState == null ? 0 : startState;
            if (s0 < 0 || s0 >= numStates) {
                throw new InvalidModelException("MDP '" + mdpName + "': startState " + s0 + " is outside 0.."
                        + (numStates - 1));
            }
            startDistribution = new double[numStates];
            startDistribution[s0] = 1.0;
        }
        return TabularMdp.of(mdpName, stateLabels, actionLabels, transitions, rewards, startDistribution);
    }

    private static InvalidModelException missing(String field) {
        return new InvalidModelException("missing field '" + field + "'; it is required: " + ALLOWED.get(field));
    }

    private static List<String> labels(String prefix, int count) {
        List<String> labels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            labels.add(prefix + i);
        }
        return labels;
    }
}
