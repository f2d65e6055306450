package dev.opshape.shaping.training;

/**
 * Exact per-update measurements of one run: index u holds the state after u updates (u = 0 is the start), so each
 * array has steps + 1 entries. Average rewards are per move; pCoop is an agent's discounted frequency of action 0.
 */
public record TrainingCurve(double[] avgReward1, double[] avgReward2, double[] pCoop1, double[] pCoop2) {

    /** Number of recorded points (updates + 1). */
    public int length() {
        return avgReward1.length;
    }

    /** The agent's (0 or 1) average reward after u updates. */
    public double avgReward(int agent, int u) {
        return agent == 0 ? avgReward1[u] : avgReward2[u];
    }

    /** The agent's (0 or 1) frequency of action 0 after u updates. */
    public double pCoop(int agent, int u) {
        return agent == 0 ? pCoop1[u] : pCoop2[u];
    }
}
