package dev.opshape.shaping.learner;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.tabular.exact.ExactEvaluator;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POLA's direction is checked by what it must be, not how it is computed: theta* = theta_i + direction maximises
 * F(theta') = V_i(theta', theta_j + eta grad_j V_j(theta', theta_j)) - beta sum_o w_o KL(p_o || q_o(theta')), with
 * F evaluated from exact values and gradients only (no LOLA backward pass) and its gradient by central finite
 * differences: at theta* it vanishes (to the finite-difference error), at theta_i (the negative control) it does not,
 * and F(theta*) exceeds F(theta_i). On the IPD, for both agents, at random points.
 */
class ProximalLolaTest {

    private static final IteratedGame IPD = IteratedGame.infinite(BuiltInGames.IPD, 0.96);
    private static final double ETA = 0.5;
    private static final double BETA = 1.0;

    /** F at the agent's logits x, the opponent and the KL target taken from the joint point theta. */
    private static double objective(ExactEvaluator exact, int agent, double[] theta, double[] weight, double[] x) {
        int offset = IPD.layout().offset(agent);
        int oppOffset = IPD.layout().offset(1 - agent);
        int n = IPD.layout().dimension(agent);
        double[] joint = theta.clone();
        System.arraycopy(x, 0, joint, offset, n);
        exact.setPoint(joint);
        double[] gradOpp = new double[joint.length];
        exact.gradient(1 - agent, gradOpp);
        for (int c = 0; c < n; c++) {
            joint[oppOffset + c] += ETA * gradOpp[oppOffset + c];
        }
        exact.setPoint(joint);
        double value = exact.value(agent);
        double kl = 0;
        for (int o = 0; o < n; o++) {
            double p = sigmoid(theta[offset + o]);
            double q = sigmoid(x[o]);
            kl += weight[o] * (p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q)));
        }
        return value - BETA * kl;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double gradientNorm(ExactEvaluator exact, int agent, double[] theta, double[] weight, double[] x) {
        double h = 1e-5;
        double sum = 0;
        for (int c = 0; c < x.length; c++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[c] += h;
            minus[c] -= h;
            double g = (objective(exact, agent, theta, weight, plus) - objective(exact, agent, theta, weight, minus))
                    / (2 * h);
            sum += g * g;
        }
        return Math.sqrt(sum);
    }

    @Test
    void theDirectionReachesTheMaximiserOfTheProximalObjective() {
        SplittableRandom random = new SplittableRandom(17);
        // A tolerance near zero, so that the ascent runs to convergence (the weighted KL change alone would stop it
        // early in states the agent rarely visits, whose logits matter little to F).
        ProximalLola rule = new ProximalLola(1, ETA, BETA, 0.2, 1e-30, 200_000);
        ExactEvaluator exact = IPD.newEvaluator();
        for (int point = 0; point < 3; point++) {
            double[] theta = new double[IPD.jointDimension()];
            for (int k = 0; k < theta.length; k++) {
                theta[k] = random.nextGaussian() * 0.5;
            }
            exact.setPoint(theta);
            double[] occupancy = new double[IPD.model().numStates()];
            exact.stateOccupancy(occupancy);
            for (int agent = 0; agent < 2; agent++) {
                // Agent 2 observes each state from its own side.
                double[] weight = new double[IPD.layout().numObservations(agent)];
                int[] observation = IPD.model().player(agent).observationTable();
                for (int s = 0; s < occupancy.length; s++) {
                    weight[observation[s]] += occupancy[s];
                }
                double[] out = new double[IPD.dimension(agent)];
                rule.newLearner(IPD, agent).direction(theta, new UpdateKey(1, 0, 0), out);
                double[] start = new double[out.length];
                double[] best = new double[out.length];
                for (int c = 0; c < out.length; c++) {
                    start[c] = theta[IPD.layout().offset(agent) + c];
                    best[c] = start[c] + out[c];
                }
                double atBest = gradientNorm(exact, agent, theta, weight, best);
                double atStart = gradientNorm(exact, agent, theta, weight, start);
                assertTrue(atBest < 1e-6, "point " + point + " agent " + (agent + 1) + ": |grad F(theta*)| = "
                        + atBest);
                assertTrue(atStart > 1e3 * atBest, "negative control: |grad F(theta_i)| = " + atStart);
                assertTrue(objective(exact, agent, theta, weight, best) > objective(exact, agent, theta, weight,
                        start));
            }
        }
    }
}
