package dev.opshape.shaping.estimator;

import dev.opshape.games.IteratedGame;
import dev.opshape.games.policy.ActionLogits;
import dev.opshape.games.policy.PolicyLayout;

/**
 * Per-state tables of both agents' policies at the current logits: action probabilities, log-probabilities and
 * score vectors d log pi(a | s) / d logits(s), plus the Hessian of log pi(a | s), which for these parameterisations
 * does not depend on the action. The sampled estimators look every step (or cell, see {@link BatchSurrogate}) up
 * here instead of recomputing exponentials.
 *
 * <p>Scores: for two actions (one logit x, p = sigmoid(x)) d log pi(a)/dx = [a = 0] - p and the Hessian is
 * -p (1 - p); for k actions (softmax) d log pi(a)/dx_c = [a = c] - pi_c and the Hessian is -(diag pi - pi pi^T).
 * A workspace: {@link #load} overwrites everything, nothing allocates after construction.
 */
final class ScoreTables {

    /** Actions, logits per state and parameter offsets (in the joint vector) of each agent. */
    final int[] actions = new int[2];
    final int[] perState = new int[2];
    final int[] offset = new int[2];
    final int numStates;
    /** pi[i][s * k + a]. */
    final double[][] pi = new double[2][];
    /** logProb[i][s * k + a]. */
    final double[][] logProb = new double[2][];
    /** score[i][(s * k + a) * L + c]. */
    final double[][] score = new double[2][];

    ScoreTables(IteratedGame game) {
        this.numStates = 1 + game.game().numOutcomes();
        for (int i = 0; i < 2; i++) {
            PolicyLayout layout = game.layout(i);
            actions[i] = layout.numActions();
            perState[i] = layout.logitsPerState();
            pi[i] = new double[numStates * actions[i]];
            logProb[i] = new double[numStates * actions[i]];
            score[i] = new double[numStates * actions[i] * perState[i]];
        }
        offset[0] = 0;
        offset[1] = game.dimension(0);
    }

    /** Recomputes every table at (theta1, theta2). */
    void load(double[] theta1, double[] theta2) {
        for (int i = 0; i < 2; i++) {
            double[] theta = i == 0 ? theta1 : theta2;
            int k = actions[i];
            int l = perState[i];
            for (int s = 0; s < numStates; s++) {
                ActionLogits.probabilities(theta, s * l, k, pi[i], s * k);
                for (int a = 0; a < k; a++) {
                    logProb[i][s * k + a] = ActionLogits.logProbability(theta, s * l, k, a);
                    int base = (s * k + a) * l;
                    if (k == 2) {
                        score[i][base] = (a == 0 ? 1.0 : 0.0) - pi[i][s * k];
                    } else {
                        for (int c = 0; c < k; c++) {
                            score[i][base + c] = (a == c ? 1.0 : 0.0) - pi[i][s * k + c];
                        }
                    }
                }
            }
        }
    }

    /** score(i, s, a) . v over the agent's logits of state s (v is a joint vector). */
    double scoreDot(int i, int s, int a, double[] v) {
        int l = perState[i];
        int base = (s * actions[i] + a) * l;
        int vb = offset[i] + s * l;
        double acc = 0;
        for (int c = 0; c < l; c++) {
            acc += score[i][base + c] * v[vb + c];
        }
        return acc;
    }

    /** out += scale * score(i, s, a), in the agent's block of the joint vector out. */
    void addScore(int i, int s, int a, double scale, double[] out) {
        int l = perState[i];
        int base = (s * actions[i] + a) * l;
        int ob = offset[i] + s * l;
        for (int c = 0; c < l; c++) {
            out[ob + c] += scale * score[i][base + c];
        }
    }

    /** out += scale * (Hessian of log pi_i(. | s)) v, in the agent's block of the joint vector out. */
    void addHessianProduct(int i, int s, double[] v, double scale, double[] out) {
        int k = actions[i];
        int l = perState[i];
        int vb = offset[i] + s * l;
        if (k == 2) {
            double p = pi[i][s * 2];
            out[vb] -= scale * p * pi[i][s * 2 + 1] * v[vb];
            return;
        }
        double mean = 0;
        for (int c = 0; c < k; c++) {
            mean += pi[i][s * k + c] * v[vb + c];
        }
        for (int c = 0; c < k; c++) {
            out[vb + c] -= scale * pi[i][s * k + c] * (v[vb + c] - mean);
        }
    }
}
