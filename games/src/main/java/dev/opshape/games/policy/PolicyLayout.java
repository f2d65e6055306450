package dev.opshape.games.policy;

import dev.opshape.games.MatrixGame;

/**
 * Where the logits of one agent's memory-1 policy live in its parameter vector.
 *
 * <p>States are seen from the agent's own side: state 0 is {@code start} (the first move); state
 * {@code 1 + own * k_other + other} follows the joint outcome in which this agent played {@code own} and the other
 * agent played {@code other}. For agent 1 the state after (a1, a2) is therefore {@code 1 + a1 * m + a2}, and for
 * agent 2 it is {@code 1 + a2 * n + a1}: tit-for-tat is the same parameter vector for both agents.
 *
 * <p>An agent with 2 actions has one logit per state, p(action 0) = sigmoid(logit); an agent with k &gt; 2 actions
 * has k logits per state and a softmax over them. The logits of state s occupy
 * {@code [s * logitsPerState(), (s + 1) * logitsPerState())}.
 */
public final class PolicyLayout {

    private final MatrixGame game;
    private final int agent;
    private final int numActions;
    private final int otherActions;
    private final int logitsPerState;

    /**
     * @param game  the stage game
     * @param agent 0 for agent 1 (row player), 1 for agent 2 (column player)
     */
    public PolicyLayout(MatrixGame game, int agent) {
        if (agent != 0 && agent != 1) {
            throw new IllegalArgumentException("agent = " + agent + "; must be 0 (agent 1) or 1 (agent 2)");
        }
        this.game = game;
        this.agent = agent;
        this.numActions = game.numActions(agent);
        this.otherActions = game.numActions(1 - agent);
        this.logitsPerState = numActions == 2 ? 1 : numActions;
    }

    /** 0 for agent 1, 1 for agent 2. */
    public int agent() {
        return agent;
    }

    /** Number of this agent's actions. */
    public int numActions() {
        return numActions;
    }

    /** Number of own-view states: 1 (start) + number of joint outcomes. */
    public int numStates() {
        return 1 + numActions * otherActions;
    }

    /** 1 for a 2-action agent (sigmoid), otherwise the number of actions (softmax). */
    public int logitsPerState() {
        return logitsPerState;
    }

    /** Total number of logits: numStates() * logitsPerState(). */
    public int dimension() {
        return numStates() * logitsPerState;
    }

    /** Index of the first logit of state s. */
    public int offset(int state) {
        return state * logitsPerState;
    }

    /** The own-view state that follows the joint action (a1, a2) (agent 1's action first, as in the game). */
    public int stateAfter(int a1, int a2) {
        return agent == 0 ? 1 + a1 * otherActions + a2 : 1 + a2 * otherActions + a1;
    }

    /** Label of a state: {@code start} or own action label then the other's, for example {@code CD}. */
    public String stateLabel(int state) {
        if (state == 0) {
            return "start";
        }
        int own = (state - 1) / otherActions;
        int other = (state - 1) % otherActions;
        return game.actions(agent).get(own) + game.actions(1 - agent).get(other);
    }
}
