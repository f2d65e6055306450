package dev.opshape.shaping.estimator;

/**
 * What a pass over a {@link BatchSurrogate}'s loaded trajectories reads for one player: the cells, the per-step
 * weights and the baseline terms, with the two per-step quantities every pass needs ({@link #omega}, {@link #beta}).
 * One reusable instance per batch, re-aimed by {@link #aim} (no allocation per query); the surrogates' second-order
 * passes and the batch's own advantage pass read it.
 */
final class ScorePass {

    /** T, C = S * A cells and S states. */
    final int steps;
    final int numCells;
    final int numStates;
    /** The state of each cell. */
    final int[] cellState;
    /** Per step, off-policy only: cumulative weight w_t, ratio rho_t, whether derivatives flow. */
    final double[] weight;
    final double[] ratio;
    final boolean[] active;
    /** Per-trajectory scratch (length T). */
    final double[] sigma;

    /** The loaded trajectories and the player's weights, set by {@link #aim}. */
    int count;
    int[] cell;
    int[] scored;
    boolean offPolicy;
    private double[] stepWeight;
    private double[] stateTerm;
    private boolean hasStateTerm;

    ScorePass(int steps, int numCells, int numStates, int[] cellState, double[] weight, double[] ratio,
              boolean[] active) {
        this.steps = steps;
        this.numCells = numCells;
        this.numStates = numStates;
        this.cellState = cellState;
        this.weight = weight;
        this.ratio = ratio;
        this.active = active;
        this.sigma = new double[steps];
    }

    /** Points the pass at the loaded trajectories and one player's weights. */
    ScorePass aim(int count, int[] cell, int[] scored, boolean offPolicy, double[] stepWeight, double[] stateTerm,
                  boolean hasStateTerm) {
        this.count = count;
        this.cell = cell;
        this.scored = scored;
        this.offPolicy = offPolicy;
        this.stepWeight = stepWeight;
        this.stateTerm = stateTerm;
        this.hasStateTerm = hasStateTerm;
        return this;
    }

    /** omega_t of step idx = b * T + t in cell c: its reward weight, times its importance weight off-policy. */
    double omega(int t, int idx, int c) {
        double omega = stepWeight[t * numCells + c];
        return offPolicy ? omega * weight[idx] : omega;
    }

    /** beta_t of the step: gamma^t b(s_t), times its ratio off-policy; 0 without a state baseline. */
    double beta(int t, int idx, int c) {
        if (!hasStateTerm) {
            return 0.0;
        }
        double beta = stateTerm[t * numStates + cellState[c]];
        return offPolicy ? beta * ratio[idx] : beta;
    }

    /** Whether derivatives flow through the step (false only for a clipped off-policy step). */
    boolean flows(int idx) {
        return !offPolicy || active[idx];
    }
}
