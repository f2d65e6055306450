package dev.opshape.shaping.estimator;

import dev.opshape.tabular.TabularModel;
import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.sample.TrajectoryBatch;

import java.util.Arrays;

/**
 * A learned state-value table per player, indexed by the model's state (for an iterated game the previous joint
 * outcome, 0 = start). After each batch, each visited state's entry moves a fraction {@value #RATE} of the way to the
 * batch mean of the Monte Carlo discounted reward-to-go sum_{t' &gt;= t} gamma^(t' - t) r_t' of the moves made from
 * that state (an exponential moving average, i.e. a normalised gradient step on the squared error). Entries start
 * at 0. Under
 * trembling-hand noise the states and rewards are those of the executed cells (what the players observe and are
 * paid), which is what the batch's cells are.
 */
final class LearnedBaseline implements StateBaseline {

    /** Fitting rate per batch; the LOLA-DiCE code's value-table learning rate is also 0.1. */
    static final double RATE = 0.1;

    private final double gamma;
    private final int numStates;
    private final int numJoint;
    /** Rewards by cell, per player. */
    private final double[][] reward;
    private final double[][] table;
    private final double[] sum;
    private final int[] visits;
    private final double[] toGo;

    /**
     * @param problem the problem (discount, rewards, number of states)
     * @param steps   T, the length of the trajectories it is fitted on
     */
    LearnedBaseline(TabularProblem problem, int steps) {
        TabularModel model = problem.model();
        this.gamma = problem.gamma();
        this.numStates = model.numStates();
        this.numJoint = model.numJointActions();
        this.reward = new double[model.numPlayers()][];
        for (int i = 0; i < reward.length; i++) {
            reward[i] = model.rewards(i);
        }
        this.table = new double[reward.length][numStates];
        this.sum = new double[numStates];
        this.visits = new int[numStates];
        this.toGo = new double[steps];
    }

    @Override
    public double value(int player, int state, int movesLeft) {
        return table[player][state];
    }

    /** Fits later batches to another reward table of the player (checked by the caller; copied). */
    void setRewards(int player, double[] byCell) {
        System.arraycopy(byCell, 0, reward[player], 0, byCell.length);
    }

    /** Back to the initial all-zero tables. */
    void clear() {
        for (double[] t : table) {
            Arrays.fill(t, 0.0);
        }
    }

    /**
     * Fits both agents' tables to one batch: trajectories [from, to) of the storage and, when the batch wrapped
     * around a replay ring, also [0, wrapped) (0 if it did not). One update per batch, as documented, wherever the
     * ring boundary falls.
     */
    void fit(TrajectoryBatch batch, int from, int to, int wrapped) {
        for (int agent = 0; agent < table.length; agent++) {
            Arrays.fill(sum, 0.0);
            Arrays.fill(visits, 0);
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
     * Adds the reward-to-go of every move of trajectories [from, to) to its state's sum and visit count (the state
     * of a move is its cell's).
     */
    private void accumulate(TrajectoryBatch batch, int agent, int from, int to) {
        int steps = batch.steps();
        int[] cell = batch.cell();
        double[] r = reward[agent];
        for (int b = from; b < to; b++) {
            double g = 0;
            for (int t = steps - 1; t >= 0; t--) {
                g = r[cell[b * steps + t]] + gamma * g;
                toGo[t] = g;
            }
            for (int t = 0; t < steps; t++) {
                int s = cell[b * steps + t] / numJoint;
                sum[s] += toGo[t];
                visits[s]++;
            }
        }
    }
}
