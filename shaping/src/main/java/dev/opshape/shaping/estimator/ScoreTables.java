package dev.opshape.shaping.estimator;

import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.policy.ActionLogits;
import dev.opshape.tabular.policy.ParameterLayout;

/**
 * Per-observation tables of every player's policy at the current logits: action probabilities, log-probabilities
 * and score vectors d log pi(a | o) / d logits(o), plus the Hessian of log pi(a | o), which for these
 * parameterisations does not depend on the action. The sampled estimators look every cell (see
 * {@link BatchSurrogate}) up here instead of recomputing exponentials.
 *
 * <p>Scores: for two actions (one logit x, p = sigmoid(x)) d log pi(a)/dx = [a = 0] - p and the Hessian is
 * -p (1 - p); for k actions (softmax) d log pi(a)/dx_c = [a = c] - pi_c and the Hessian is -(diag pi - pi pi^T).
 * A workspace: {@link #load} overwrites everything, nothing allocates after construction.
 */
final class ScoreTables {

    /** Actions, logits per observation and parameter offsets (in the joint vector) of each player. */
    final int[] actions;
    final int[] perObservation;
    final int[] offset;
    final int[] numObservations;
    /** pi[i][o * k + a]. */
    final double[][] pi;
    /** logProb[i][o * k + a]. */
    final double[][] logProb;
    /** score[i][(o * k + a) * L + c]. */
    final double[][] score;

    ScoreTables(TabularProblem problem) {
        ParameterLayout layout = problem.layout();
        int n = layout.numPlayers();
        this.actions = new int[n];
        this.perObservation = new int[n];
        this.offset = new int[n];
        this.numObservations = new int[n];
        this.pi = new double[n][];
        this.logProb = new double[n][];
        this.score = new double[n][];
        for (int i = 0; i < n; i++) {
            actions[i] = layout.numActions(i);
            perObservation[i] = layout.logitsPerObservation(i);
            offset[i] = layout.offset(i);
            numObservations[i] = layout.numObservations(i);
            pi[i] = new double[numObservations[i] * actions[i]];
            logProb[i] = new double[numObservations[i] * actions[i]];
            score[i] = new double[numObservations[i] * actions[i] * perObservation[i]];
        }
    }

    /** Recomputes every table at the joint point theta. */
    void load(double[] theta) {
        for (int i = 0; i < actions.length; i++) {
            int k = actions[i];
            int l = perObservation[i];
            for (int o = 0; o < numObservations[i]; o++) {
                int at = offset[i] + o * l;
                ActionLogits.probabilities(theta, at, k, pi[i], o * k);
                for (int a = 0; a < k; a++) {
                    logProb[i][o * k + a] = ActionLogits.logProbability(theta, at, k, a);
                    int base = (o * k + a) * l;
                    if (k == 2) {
                        score[i][base] = (a == 0 ? 1.0 : 0.0) - pi[i][o * k];
                    } else {
                        for (int c = 0; c < k; c++) {
                            score[i][base + c] = (a == c ? 1.0 : 0.0) - pi[i][o * k + c];
                        }
                    }
                }
            }
        }
    }

    /** score(i, o, a) . v over the player's logits of observation o (v is a joint vector). */
    double scoreDot(int i, int o, int a, double[] v) {
        int l = perObservation[i];
        int base = (o * actions[i] + a) * l;
        int vb = offset[i] + o * l;
        double acc = 0;
        for (int c = 0; c < l; c++) {
            acc += score[i][base + c] * v[vb + c];
        }
        return acc;
    }

    /** out += scale * score(i, o, a), in the player's block of the joint vector out. */
    void addScore(int i, int o, int a, double scale, double[] out) {
        int l = perObservation[i];
        int base = (o * actions[i] + a) * l;
        int ob = offset[i] + o * l;
        for (int c = 0; c < l; c++) {
            out[ob + c] += scale * score[i][base + c];
        }
    }

    /** out += scale * (Hessian of log pi_i(. | o)) v, in the player's block of the joint vector out. */
    void addHessianProduct(int i, int o, double[] v, double scale, double[] out) {
        int k = actions[i];
        int l = perObservation[i];
        int vb = offset[i] + o * l;
        if (k == 2) {
            double p = pi[i][o * 2];
            out[vb] -= scale * p * pi[i][o * 2 + 1] * v[vb];
            return;
        }
        double mean = 0;
        for (int c = 0; c < k; c++) {
            mean += pi[i][o * k + c] * v[vb + c];
        }
        for (int c = 0; c < k; c++) {
            out[vb + c] -= scale * pi[i][o * k + c] * (v[vb + c] - mean);
        }
    }
}
