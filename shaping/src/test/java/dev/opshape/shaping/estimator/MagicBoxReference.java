package dev.opshape.shaping.estimator;

import dev.opshape.games.IteratedGame;
import dev.opshape.tabular.sample.TrajectoryBatch;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

/**
 * The DiCE, LVC and MAML surrogate objectives written once, literally, over commons-math3 {@link DerivativeStructure}
 * (order 2, every logit of both agents a free parameter): the brute-force oracle for {@link BatchSurrogate}'s closed
 * forms. Nothing here shares code with the estimators: log-probabilities come from the DS log-sigmoid and
 * log-softmax, the weights from DS exponentials, and the derivatives from automatic differentiation.
 *
 * <p>With MB(x) = exp(x - stopgrad(x)) (a DS whose value is 1 and whose derivatives are those of exp(x)), per
 * trajectory of a batch of N and the agent's rewards r_t:
 * <ul>
 *   <li>step weights c_t = gamma^t r_t, or with the leave-one-out mean baseline c_t - (1/(N-1)) sum_{b' != b}
 *       gamma^t r_{b',t} (N &gt; 1);</li>
 *   <li>on-policy, the cumulative weight is W_t = MB(S_t), S_t = sum_{u &lt;= t} l_u, and the per-step weight is
 *       R_t = MB(l_t);</li>
 *   <li>off-policy (the batch's stored log-probabilities are the behaviour policy's), W_t = exp(sum_{k &lt;= t}
 *       (l_k - lbeh_k)) and R_t = exp(l_t - lbeh_t); a step whose ratio exceeds the clip enters both as the constant
 *       clip (value, no derivative);</li>
 *   <li>DiCE: L = (1/N) sum_b [sum_t c_t W_t + sum_t (1 - R_t) gamma^t b(s_t)];</li>
 *   <li>LVC: L = (1/N) sum_b [sum_t MB(l_t) G_t + sum_t (1 - R_t) gamma^t b(s_t)] with the constant
 *       G_t = sum_{t' &gt;= t} c_t' value(W_t') (MB(l_t) a constant 1 for a clipped step): on-policy this is the
 *       javadoc's mean_b sum_t MB(l_t) G_t; off-policy its Hessian is the same-time (u = u') part of DiCE's
 *       Hessian, since DiCE's is sum_t c_t W_t (sum_{u,u' &lt;= t} grad l_u grad l_u'^T + sum_{u &lt;= t} hess l_u)
 *       and W_t factors as value(W_t) MB(l_u) for each single live step u;</li>
 *   <li>MAML: LVC's objective with every per-step box MB(l_t), and the baseline term's ratio R_t, replaced by its
 *       linearisation value(R_t) (1 + l_t - value(l_t)): the policy-gradient loss sum_t G_t l_t, whose Hessian has
 *       no score products;</li>
 *   <li>Loaded DiCE (on-policy only): sum_t (G_t - beta_t) (MB(w_t) - MB(lambda w_{t-1})) with
 *       w_t = lambda w_{t-1} + l_t, beta_t the state baseline term below, which then enters only here;</li>
 *   <li>the state baseline term (only for LEARNED, EXACT and NOISY, with the given values b(agent, row, movesLeft) at agent
 *       1's own-view state and T - t moves left) is absent for NONE and MEAN.</li>
 * </ul>
 * The estimator's value() is the importance-weighted mean return (1/N) sum_b sum_t gamma^t r_t value(W_t).
 *
 * <p>A batch of a noisy game ({@link TrajectoryBatch#hasIntended()}): l_t is the log-probability of the intended
 * actions (read from {@link TrajectoryBatch#intended()}) in the stored states, which follow the executed history;
 * rewards and states are the executed ones, as stored.
 */
final class MagicBoxReference {

    /** Value, gradient and full Hessian of one objective, plus the magnitudes that scale round-off (see below). */
    record Result(double objective, double weightedReturn, double[] gradient, double[][] hessian,
                  double returnMagnitude, double gradientMagnitude, double curvatureMagnitude) {

        double[] hessianTimes(double[] v) {
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                double acc = 0;
                for (int j = 0; j < v.length; j++) {
                    acc += hessian[i][j] * v[j];
                }
                out[i] = acc;
            }
            return out;
        }
    }

    private MagicBoxReference() {
    }

    /**
     * Evaluates the surrogate of trajectories [0, count) of the batch at (theta1, theta2) for the agent.
     *
     * @param offPolicy whether the stored log-probabilities are a behaviour policy's (importance weights)
     * @param clip      the per-step ratio clip (+infinity for none); off-policy only
     * @param values    the state baseline for LEARNED, EXACT and NOISY (ignored otherwise)
     */
    static Result evaluate(IteratedGame game, TrajectoryBatch batch, int count, double[] theta1, double[] theta2,
                           int agent, Surrogate surrogate, BaselineKind baseline, StateBaseline values,
                           boolean offPolicy, double clip) {
        int n = game.game().numActions(0);
        int m = game.game().numActions(1);
        int dim1 = theta1.length;
        int d = dim1 + theta2.length;
        int numStates = 1 + n * m;
        DerivativeStructure[] x = new DerivativeStructure[d];
        for (int i = 0; i < d; i++) {
            x[i] = new DerivativeStructure(d, 2, i, i < dim1 ? theta1[i] : theta2[i - dim1]);
        }
        DerivativeStructure zero = new DerivativeStructure(d, 2, 0.0);
        DerivativeStructure one = new DerivativeStructure(d, 2, 1.0);
        DerivativeStructure[] logPi1 = logPolicy(x, 0, n, numStates);
        DerivativeStructure[] logPi2 = logPolicy(x, dim1, m, numStates);

        int steps = batch.steps();
        double gamma = game.gamma();
        double[] discount = new double[steps];
        for (int t = 0; t < steps; t++) {
            discount[t] = Math.pow(gamma, t);
        }
        double[] reward = batch.reward(agent);
        boolean mean = baseline == BaselineKind.MEAN && count > 1;
        boolean state = baseline == BaselineKind.LEARNED || baseline == BaselineKind.EXACT
                || baseline == BaselineKind.NOISY;

        DerivativeStructure total = zero;
        double weightedReturn = 0;
        double returnMagnitude = 0;
        double gradientMagnitude = 0;
        double curvatureMagnitude = 0;
        DerivativeStructure[] cumulative = new DerivativeStructure[steps];
        DerivativeStructure[] perStep = new DerivativeStructure[steps];
        DerivativeStructure[] ownBox = new DerivativeStructure[steps];
        double[] c = new double[steps];
        // The MAML surrogate: LVC with every per-step box linearised (value 1, the same gradient, no score products).
        boolean linear = surrogate == Surrogates.maml();
        // Loaded DiCE (on-policy only): sum_t (G_t - beta_t) (MB(w_t) - MB(lambda w_{t-1})), w_t = lambda w_{t-1} + l_t.
        LoadedSurrogate loaded = surrogate instanceof LoadedSurrogate ls ? ls : null;
        if (loaded != null && offPolicy) {
            throw new IllegalArgumentException("Loaded DiCE has no off-policy form");
        }
        DerivativeStructure[] loadedDifference = new DerivativeStructure[steps];
        for (int b = 0; b < count; b++) {
            DerivativeStructure logWeight = zero;   // S_t on-policy; the live log-ratios off-policy
            double clipped = 1.0;                   // product of the clipped constants so far
            DerivativeStructure loadedWeight = zero; // w_t of Loaded DiCE
            for (int t = 0; t < steps; t++) {
                int idx = b * steps + t;
                // The intended joint action is the intended cell modulo the n m joint actions.
                int a1 = batch.hasIntended() ? batch.intendedCell()[idx] % (n * m) / m : batch.action(0)[idx];
                int a2 = batch.hasIntended() ? batch.intendedCell()[idx] % m : batch.action(1)[idx];
                DerivativeStructure l = logPi1[batch.observation(0)[idx] * n + a1].add(logPi2[batch.observation(1)[idx] * m + a2]);
                if (!offPolicy) {
                    logWeight = logWeight.add(l);
                    cumulative[t] = magicBox(logWeight);
                    perStep[t] = linear ? linearBox(l) : magicBox(l);
                    ownBox[t] = perStep[t];
                    if (loaded != null) {
                        DerivativeStructure previous = magicBox(loadedWeight.multiply(loaded.lambda()));
                        loadedWeight = loadedWeight.multiply(loaded.lambda()).add(l);
                        loadedDifference[t] = magicBox(loadedWeight).subtract(previous);
                    }
                } else {
                    DerivativeStructure logRatio = l.subtract(batch.logProb(0)[idx] + batch.logProb(1)[idx]);
                    if (Math.exp(logRatio.getValue()) > clip) {
                        clipped *= clip;
                        perStep[t] = one.multiply(clip);
                        ownBox[t] = one;
                    } else {
                        logWeight = logWeight.add(logRatio);
                        perStep[t] = linear ? linearBox(l).multiply(Math.exp(logRatio.getValue())) : logRatio.exp();
                        ownBox[t] = linear ? linearBox(l) : magicBox(l);
                    }
                    cumulative[t] = logWeight.exp().multiply(clipped);
                }
                c[t] = discount[t] * reward[idx];
                if (mean) {
                    double others = 0;
                    for (int o = 0; o < count; o++) {
                        if (o != b) {
                            others += discount[t] * reward[o * steps + t];
                        }
                    }
                    c[t] -= others / (count - 1);
                }
                double w = cumulative[t].getValue();
                weightedReturn += discount[t] * reward[idx] * w;
                returnMagnitude += Math.abs(discount[t] * reward[idx] * w);
            }
            double suffix = 0;
            for (int t = steps - 1; t >= 0; t--) {
                int idx = b * steps + t;
                double w = cumulative[t].getValue();
                suffix += c[t] * w;
                double beta = 0;
                if (loaded != null) {
                    double bt = state ? discount[t] * values.value(agent, batch.observation(0)[idx], steps - t) : 0;
                    total = total.add(loadedDifference[t].multiply(suffix - bt));
                    beta = Math.abs(bt);
                } else {
                    if (surrogate == Surrogates.dice()) {
                        total = total.add(cumulative[t].multiply(c[t]));
                    } else {
                        total = total.add(ownBox[t].multiply(suffix));
                    }
                    if (state) {
                        double bt = discount[t] * values.value(agent, batch.observation(0)[idx], steps - t);
                        total = total.add(one.subtract(perStep[t]).multiply(bt));
                        beta = Math.abs(bt * perStep[t].getValue());
                    }
                }
                // Bounds on the absolute values of the terms each closed form sums (see BatchSurrogateReferenceTest).
                gradientMagnitude += Math.abs(c[t] * w) * (t + 1) + beta;
                curvatureMagnitude += Math.abs(c[t] * w) * (4.0 * (t + 1) * (t + 1) + 2.0 * (t + 1)) + 6 * beta;
            }
        }
        total = total.divide(count);
        double[] gradient = new double[d];
        double[][] hessian = new double[d][d];
        int[] orders = new int[d];
        for (int i = 0; i < d; i++) {
            orders[i]++;
            gradient[i] = total.getPartialDerivative(orders);
            for (int j = 0; j <= i; j++) {
                orders[j]++;
                hessian[i][j] = total.getPartialDerivative(orders);
                hessian[j][i] = hessian[i][j];
                orders[j]--;
            }
            orders[i]--;
        }
        return new Result(total.getValue(), weightedReturn / count, gradient, hessian, returnMagnitude / count,
                gradientMagnitude / count, curvatureMagnitude / count);
    }

    /** 1 + x - stopgrad(x): MB(x) to first order (value 1, gradient dx, no second derivative of its own). */
    static DerivativeStructure linearBox(DerivativeStructure x) {
        return x.subtract(x.getValue()).add(1.0);
    }

    /** MB(x) = exp(x - stopgrad(x)): value exactly 1, derivatives those of exp at the point. */
    static DerivativeStructure magicBox(DerivativeStructure x) {
        return x.subtract(x.getValue()).exp();
    }

    /**
     * log pi(a | s) for every own-view state s and action a of one agent, index s * k + a: log-sigmoid of +-logit
     * for two actions (p(action 0) = sigmoid(logit)), log-softmax for k &gt; 2, written directly.
     */
    private static DerivativeStructure[] logPolicy(DerivativeStructure[] x, int offset, int k, int numStates) {
        DerivativeStructure[] out = new DerivativeStructure[numStates * k];
        for (int s = 0; s < numStates; s++) {
            if (k == 2) {
                DerivativeStructure logit = x[offset + s];
                // log sigmoid(z) = -log(1 + exp(-z))
                out[s * 2] = logit.negate().exp().add(1).log().negate();
                out[s * 2 + 1] = logit.exp().add(1).log().negate();
            } else {
                DerivativeStructure sum = x[offset + s * k].exp();
                for (int a = 1; a < k; a++) {
                    sum = sum.add(x[offset + s * k + a].exp());
                }
                DerivativeStructure logSum = sum.log();
                for (int a = 0; a < k; a++) {
                    out[s * k + a] = x[offset + s * k + a].subtract(logSum);
                }
            }
        }
        return out;
    }
}
