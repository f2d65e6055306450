package dev.opshape.shaping.learner;

import dev.opshape.games.IteratedGame;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.tabular.policy.ActionLogits;
import dev.opshape.tabular.policy.ParameterLayout;

import java.util.Arrays;

/**
 * Proximal LOLA, POLA (Zhao, Lu, Grosse and Foerster 2022, "Proximal Learning With Opponent-Learning Awareness",
 * NeurIPS), in its outer form with exact values: the agent moves to the maximiser theta_i* of
 * <pre>
 *   F(theta') = V_i(theta', theta_j^K(theta')) - beta sum_o w_o KL(pi_theta_i(. | o) || pi_theta'(. | o)),
 * </pre>
 * theta_j^K the opponent after K naive lookahead steps of size eta from (theta', theta_j) (as LOLA-K, differentiated
 * through), and w_o the exact discounted occupancy of the agent's observations at the current joint point (POLA's
 * exact code averages the states uniformly; the occupancy weights the states the agent will actually meet). F is
 * maximised by gradient ascent from theta' = theta_i with step {@code lr}, until successive policies differ by less
 * than {@code tol} in occupancy-weighted KL in both directions, or after {@code steps} iterations. The direction is
 * theta_i* - theta_i, so that an outer learning rate of 1 ({@code --lr 1}) makes theta_i* the new policy, as in POLA.
 * The gradient of the KL in the logits is w_o (pi_theta'(. | o) - pi_theta_i(. | o)) (sigmoid and softmax alike).
 *
 * <p>Exact values only: the learner owns an exact LOLA-K learner for the first term and an exact evaluator for the
 * occupancy. Allocation-free after construction.
 *
 * @param k     lookahead steps K of the opponent (POLA's inner steps; default 1)
 * @param eta   lookahead step (POLA's inner learning rate)
 * @param beta  weight of the proximal KL term (POLA's outer beta)
 * @param lr    step of the proximal ascent (POLA's outer learning rate)
 * @param tol   the KL change that ends the ascent (POLA's prox threshold, 1e-8)
 * @param steps most ascent iterations (POLA's prox_outer_max_iters, 5000)
 */
public record ProximalLola(int k, double eta, double beta, double lr, double tol, int steps) implements LearningRule {

    /** POLA's exact-IPD commands: outer beta 0.1, outer learning rate 0.3, threshold 1e-8, at most 5000 steps. */
    public static final double DEFAULT_BETA = 0.1;
    public static final double DEFAULT_LR = 0.3;
    public static final double DEFAULT_TOL = 1e-8;
    public static final int DEFAULT_STEPS = 5000;

    public ProximalLola {
        if (k < 0) {
            throw new IllegalArgumentException("k = " + k + "; the lookahead steps must be >= 0");
        }
        if (!Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta = " + eta + "; must be a finite number");
        }
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta = " + beta + "; must be a number >= 0");
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("lr = " + lr + "; must be a positive number");
        }
        if (!(tol > 0) || Double.isInfinite(tol)) {
            throw new IllegalArgumentException("tol = " + tol + "; must be a positive number");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps = " + steps + "; must be >= 1");
        }
    }

    @Override
    public Learner newLearner(IteratedGame game, int agent) {
        return new Instance(game, agent);
    }

    @Override
    public String describe() {
        return "pola(k=" + k + ", eta=" + eta + ", beta=" + beta + ", lr=" + lr + ", tol=" + tol + ", steps=" + steps
                + ", exact)";
    }

    private final class Instance implements Learner {
        private final int agent;
        private final Learner lola;
        private final ExactEvaluator exact;
        private final ParameterLayout layout;
        private final int offset;
        private final int length;
        private final int observations;
        private final int actions;
        private final int logitsPer;
        private final int[] observationOfState;
        private final double[] stateOccupancy;
        /** w_o: the occupancy of each of the agent's observations. */
        private final double[] weight;
        private final double[] joint;
        private final double[] target;
        private final double[] current;
        private final double[] previous;
        private final double[] ascent;
        private final double[] p;
        private final double[] q;
        private final double[] qPrevious;

        Instance(IteratedGame game, int agent) {
            this.agent = agent;
            this.lola = LookaheadLola.exact(k, eta).newLearner(game, agent);
            this.exact = game.newEvaluator();
            this.layout = game.layout();
            this.offset = layout.offset(agent);
            this.length = layout.dimension(agent);
            this.observations = layout.numObservations(agent);
            this.actions = layout.numActions(agent);
            this.logitsPer = layout.logitsPerObservation(agent);
            this.observationOfState = game.model().player(agent).observationTable();
            this.stateOccupancy = new double[game.model().numStates()];
            this.weight = new double[observations];
            this.joint = new double[layout.dimension()];
            this.target = new double[length];
            this.current = new double[length];
            this.previous = new double[length];
            this.ascent = new double[length];
            this.p = new double[observations * actions];
            this.q = new double[observations * actions];
            this.qPrevious = new double[observations * actions];
        }

        @Override
        public int agent() {
            return agent;
        }

        @Override
        public boolean learns() {
            return true;
        }

        @Override
        public void reset() {
            lola.reset();
        }

        @Override
        public void direction(double[] theta, UpdateKey key, double[] out) {
            exact.setPoint(theta);
            exact.stateOccupancy(stateOccupancy);
            Arrays.fill(weight, 0.0);
            for (int s = 0; s < stateOccupancy.length; s++) {
                weight[observationOfState[s]] += stateOccupancy[s];
            }
            System.arraycopy(theta, offset, target, 0, length);
            System.arraycopy(target, 0, current, 0, length);
            probabilities(target, p);
            System.arraycopy(theta, 0, joint, 0, joint.length);
            System.arraycopy(p, 0, q, 0, q.length);
            for (int step = 0; step < steps; step++) {
                System.arraycopy(current, 0, joint, offset, length);
                lola.direction(joint, key, ascent);
                // minus the gradient of beta KL(p || q): beta w_o (p - q) per logit.
                for (int o = 0; o < observations; o++) {
                    int at = o * logitsPer;
                    for (int c = 0; c < logitsPer; c++) {
                        ascent[at + c] += beta * weight[o] * (p[o * actions + c] - q[o * actions + c]);
                    }
                }
                System.arraycopy(current, 0, previous, 0, length);
                System.arraycopy(q, 0, qPrevious, 0, q.length);
                for (int c = 0; c < length; c++) {
                    current[c] += lr * ascent[c];
                }
                probabilities(current, q);
                if (weightedKl(qPrevious, q) < tol && weightedKl(q, qPrevious) < tol) {
                    break;
                }
            }
            for (int c = 0; c < length; c++) {
                out[c] = current[c] - target[c];
            }
        }

        /** The action probabilities of every observation for the agent's logits. */
        private void probabilities(double[] logits, double[] out) {
            for (int o = 0; o < observations; o++) {
                ActionLogits.probabilities(logits, o * logitsPer, actions, out, o * actions);
            }
        }

        /** sum_o w_o KL(a_o || b_o). */
        private double weightedKl(double[] a, double[] b) {
            double total = 0;
            for (int o = 0; o < observations; o++) {
                double kl = 0;
                for (int c = 0; c < actions; c++) {
                    double x = a[o * actions + c];
                    if (x > 0) {
                        kl += x * (Math.log(x) - Math.log(b[o * actions + c]));
                    }
                }
                total += weight[o] * kl;
            }
            return total;
        }
    }
}
