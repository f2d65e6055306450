package dev.opshape.shaping.estimator;

import dev.opshape.games.IteratedGame;
import dev.opshape.games.sample.TrajectoryBatch;

/**
 * A learned state-value table per agent, indexed by the previous joint outcome (agent 1's own-view state, 0 =
 * start). After each batch, each visited state's entry moves a fraction {@value #RATE} of the way to the batch mean
 * of the Monte Carlo discounted reward-to-go sum_{t' &gt;= t} gamma^(t' - t) r_t' of the moves made from that state
 * (an exponential moving average, i.e. a normalised gradient step on the squared error). Entries start at 0. Under
 * trembling-hand noise the states and rewards are those of the executed outcomes (what the agents observe and are
 * paid), which is what the batch's outcomes are.
 */
final class LearnedBaseline implements StateBaseline {

    /** Fitting rate per batch; the LOLA-DiCE code's value-table learning rate is also 0.1. */
    static final double RATE = 0.1;

    private final double gamma;
    private final int numStates;
    /** Rewards by joint outcome, per agent. */
    private final double[][] reward;
    private final double[][] table;
    private final double[] sum;
    private final int[] visits;
    private final double[] toGo;

    /**
     * @param game  the game (discount, rewards, number of states)
     * @param steps T, the length of the trajectories it is fitted on
     */
    LearnedBaseline(IteratedGame game, int steps) {
        this.gamma = game.gamma();
        this.numStates = 1 + game.game().numOutcomes();
        this.reward = new double[][] {game.game().outcomeRewards(0), game.game().outcomeRewards(1)};
        this.table = new double[2][numStates];
        this.sum = new double[numStates];
        this.visits = new int[numStates];
        this.toGo = new double[steps];
    }

    @Override
    public double value(int agent, int row, int movesLeft) {
        return table[agent][row];
    }

    /** Back to the initial all-zero tables. */
    void clear() {
        java.util.Arrays.fill(table[0], 0.0);
        java.util.Arrays.fill(table[1], 0.0);
    }

    /**
     * Fits both agents' tables to one batch: trajectories [from, to) of the storage and, when the batch wrapped
     * around a replay ring, also [0, wrapped) (0 if it did not). One update per batch, as documented, wherever the
     * ring boundary falls.
     */
    void fit(TrajectoryBatch batch, int from, int to, int wrapped) {
        for (int agent = 0; agent < 2; agent++) {
            java.util.Arrays.fill(sum, 0.0);
            java.util.Arrays.fill(visits, 0);
            accumulate(batch, agent, from, to);
            accumulate(batch, agent, 0, wrapped);
            for (int s = 0; s < numStates; s++) {
                if (visits[s] > 0) {
                    table[agent][s] += RATE * (sum[s] / visits[s] - table[agent][s]);
                }
            }
        }
    }

    /**
     * Adds the reward-to-go of every move of trajectories [from, to) to its state's sum and visit count. The state
     * of move t is agent 1's own-view state: 0 at t = 0, else 1 + the previous joint outcome.
     */
    private void accumulate(TrajectoryBatch batch, int agent, int from, int to) {
        int steps = batch.steps();
        int[] outcome = batch.outcome();
        double[] r = reward[agent];
        for (int b = from; b < to; b++) {
            double g = 0;
            for (int t = steps - 1; t >= 0; t--) {
                g = r[outcome[b * steps + t]] + gamma * g;
                toGo[t] = g;
            }
            int s = 0;
            for (int t = 0; t < steps; t++) {
                sum[s] += toGo[t];
                visits[s]++;
                s = 1 + outcome[b * steps + t];
            }
        }
    }
}
