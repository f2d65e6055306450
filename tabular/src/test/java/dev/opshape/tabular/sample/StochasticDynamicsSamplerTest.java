package dev.opshape.tabular.sample;

import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.tabular.mdp.RandomMdps;
import dev.opshape.tabular.mdp.TabularMdp;
import dev.opshape.tabular.policy.ActionLogits;
import dev.opshape.testkit.Vectors;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sampler on models whose transitions are random (the games' are deterministic): MDPs with a dense
 * Dirichlet(1) transition table and a spread start distribution. Every statistic is compared with the exact
 * quantity it estimates, with a tolerance of 5 standard errors (fixed seeds); a negative control shows that the
 * comparison notices the wrong model.
 */
class StochasticDynamicsSamplerTest {

    private static final int STEPS = 12;
    private static final int TRAJECTORIES = 20_000;
    private static final double GAMMA = 0.9;

    private final TabularMdp mdp = new RandomMdps(5, 3, 1.0, 0.0, 1.0, 0).draw(17, 0);
    private final TabularProblem problem = spreadStart(mdp).problem(GAMMA, STEPS);
    private final double[] theta = Vectors.gaussian(new SplittableRandom(3), 15, 1.0);
    private final TrajectoryBatch batch = sampled(problem, theta);

    @Test
    void meanDiscountedReturnEstimatesTheExactValue() {
        ExactEvaluator exact = problem.newEvaluator();
        exact.setPoint(theta);
        double[] stats = returnStatistics(batch);
        assertEquals(exact.value(0), stats[0], 5 * stats[1]);
    }

    @Test
    void observedTransitionsFollowTheTransitionTable() {
        int[][] counts = transitionCounts(batch, mdp);
        int checked = 0;
        for (int s = 0; s < mdp.numStates(); s++) {
            for (int a = 0; a < mdp.numActions(); a++) {
                int[] row = counts[s * mdp.numActions() + a];
                int n = 0;
                for (int k : row) {
                    n += k;
                }
                assertTrue(n > 500, "cell (" + s + ", " + a + ") visited " + n + " times");
                for (int next = 0; next < mdp.numStates(); next++) {
                    double p = mdp.transition(s, a, next);
                    double se = Math.sqrt(p * (1 - p) / n);
                    assertEquals(p, (double) row[next] / n, 5 * se + 1e-12,
                            "P(" + next + " | " + s + ", " + a + ")");
                    checked++;
                }
            }
        }
        assertEquals(75, checked);
    }

    @Test
    void startStatesFollowTheStartDistributionAndLogProbabilitiesArePolicies() {
        double[] start = problem.model().startDistribution();
        int[] counts = new int[start.length];
        int[] cells = batch.cell();
        double[] logProb = batch.logProb(0);
        int actions = mdp.numActions();
        double[] logPolicy = new double[actions];
        for (int b = 0; b < TRAJECTORIES; b++) {
            counts[cells[batch.index(b, 0)] / actions]++;
        }
        for (int s = 0; s < start.length; s++) {
            double se = Math.sqrt(start[s] * (1 - start[s]) / TRAJECTORIES);
            assertEquals(start[s], (double) counts[s] / TRAJECTORIES, 5 * se, "start state " + s);
        }
        for (int i = 0; i < 200; i++) {
            int s = cells[i] / actions;
            for (int a = 0; a < actions; a++) {
                logPolicy[a] = ActionLogits.logProbability(theta, problem.layout().offset(0, s), actions, a);
            }
            assertEquals(logPolicy[cells[i] % actions], logProb[i], 1e-14);
        }
    }

    @Test
    void trajectoriesDoNotDependOnTheRangeFilled() {
        TrajectoryBatch pieces = TrajectoryBatch.full(1, TRAJECTORIES, STEPS, false);
        TrajectorySampler sampler = new TrajectorySampler(problem);
        sampler.sample(theta, 5, 8, pieces, 7_000, TRAJECTORIES);
        sampler.sample(theta, 5, 8, pieces, 0, 7_000);
        assertArrayEquals(batch.cell(), pieces.cell());
        assertArrayEquals(batch.reward(0), pieces.reward(0));
    }

    /** Negative control: the same trajectories are far from another MDP's transition table. */
    @Test
    void negativeControlAnotherMdpFailsTheTransitionCheck() {
        TabularMdp other = new RandomMdps(5, 3, 1.0, 0.0, 1.0, 0).draw(17, 1);
        int[][] counts = transitionCounts(batch, mdp);
        double worst = 0;
        for (int c = 0; c < counts.length; c++) {
            int n = 0;
            for (int k : counts[c]) {
                n += k;
            }
            for (int next = 0; next < other.numStates(); next++) {
                double p = other.transition(c / 3, c % 3, next);
                double se = Math.sqrt(Math.max(p * (1 - p), 1e-12) / n);
                worst = Math.max(worst, Math.abs((double) counts[c][next] / n - p) / se);
            }
        }
        assertTrue(worst > 5, "the wrong table must be detected; worst z = " + worst);
    }

    private static TrajectoryBatch sampled(TabularProblem problem, double[] theta) {
        TrajectoryBatch batch = TrajectoryBatch.full(1, TRAJECTORIES, STEPS, false);
        new TrajectorySampler(problem).sample(theta, 5, 8, batch);
        return batch;
    }

    /** counts[s * A + a][s']: moves from cell (s, a) to s' within the batch. */
    private static int[][] transitionCounts(TrajectoryBatch batch, TabularMdp mdp) {
        int actions = mdp.numActions();
        int[][] counts = new int[mdp.numStates() * actions][mdp.numStates()];
        int[] cells = batch.cell();
        for (int b = 0; b < batch.capacity(); b++) {
            for (int t = 0; t + 1 < batch.steps(); t++) {
                counts[cells[batch.index(b, t)]][cells[batch.index(b, t + 1)] / actions]++;
            }
        }
        return counts;
    }

    /** Mean and standard error of the discounted return. */
    private static double[] returnStatistics(TrajectoryBatch batch) {
        double sum = 0;
        double sumSquares = 0;
        for (int b = 0; b < batch.capacity(); b++) {
            double g = batch.discountedReturn(0, b, GAMMA);
            sum += g;
            sumSquares += g * g;
        }
        int n = batch.capacity();
        double mean = sum / n;
        return new double[] {mean, Math.sqrt((sumSquares / n - mean * mean) / (n - 1))};
    }

    private static TabularMdp spreadStart(TabularMdp mdp) {
        double[] start = {0.1, 0.2, 0.3, 0.15, 0.25};
        return TabularMdp.of(mdp.name(), mdp.stateLabels(), mdp.actionLabels(), mdp.transitionTable(),
                mdp.rewardTable(), start);
    }
}
