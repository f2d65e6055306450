package dev.opshape.tabular.policy;

/**
 * The map from one state's logits to its action probabilities, with the derivatives the exact and sampled
 * estimators need. Two actions use one logit, p(action 0) = sigmoid(logit); k &gt; 2 actions use a softmax over k
 * logits. Logits may be +-infinity (deterministic choices); NaN is not allowed. In a softmax state the actions
 * with the largest logit share the probability when that logit is infinite: several +infinity logits split it
 * equally, and a state whose logits are all -infinity plays uniformly (the limit of equal logits).
 *
 * <p>All methods read {@code k} logits (or one, for two actions) from {@code theta} starting at {@code off} and write
 * into caller-owned arrays: nothing is allocated. Notation: pi = probabilities, J = d pi / d logits (k x L).
 */
public final class ActionLogits {

    private ActionLogits() {
    }

    /** Number of logits for k actions: 1 when k == 2, else k. */
    public static int logitsFor(int k) {
        return k == 2 ? 1 : k;
    }

    /** sigmoid(x) = 1 / (1 + exp(-x)), exact at +-infinity. */
    public static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** The logit log(p / (1 - p)), +infinity at p = 1 and -infinity at p = 0. */
    public static double logit(double p) {
        if (p == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        if (p == 0.0) {
            return Double.NEGATIVE_INFINITY;
        }
        return Math.log(p) - Math.log1p(-p);
    }

    /** pi: writes the k action probabilities of the state into {@code pi[piOff .. piOff + k)}. */
    public static void probabilities(double[] theta, int off, int k, double[] pi, int piOff) {
        if (k == 2) {
            // One exponential for both: with e = exp(-|x|) in (0, 1], the likelier action has 1 / (1 + e) and the
            // other e / (1 + e). Both are accurate to an ulp or two (neither is formed as 1 - p, which would lose the
            // small one), e = 0 at +-infinity gives exactly 1 and 0, and the likelier one is bit for bit
            // sigmoid(|x|).
            double x = theta[off];
            double e = Math.exp(-Math.abs(x));
            double likely = 1.0 / (1.0 + e);
            double unlikely = e * likely;
            pi[piOff] = x >= 0 ? likely : unlikely;
            pi[piOff + 1] = x >= 0 ? unlikely : likely;
            return;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < k; a++) {
            max = Math.max(max, theta[off + a]);
        }
        if (Double.isInfinite(max)) {
            // Uniform over the actions whose logit is the (infinite) largest; the others are impossible. With +inf
            // these are the certain actions; with every logit -inf all actions tie, as they do for any equal
            // logits (exp(x - max) would be exp(NaN) here).
            int count = 0;
            for (int a = 0; a < k; a++) {
                count += theta[off + a] == max ? 1 : 0;
            }
            for (int a = 0; a < k; a++) {
                pi[piOff + a] = theta[off + a] == max ? 1.0 / count : 0.0;
            }
            return;
        }
        double sum = 0;
        for (int a = 0; a < k; a++) {
            double e = Math.exp(theta[off + a] - max);
            pi[piOff + a] = e;
            sum += e;
        }
        double inv = 1.0 / sum;
        for (int a = 0; a < k; a++) {
            pi[piOff + a] *= inv;
        }
    }

    /**
     * Jacobian-vector product J w: the change of the probabilities along the logit direction {@code w}
     * ({@code w[wOff ..]}, L entries), written into {@code out[outOff .. outOff + k)}.
     */
    public static void jvp(double[] pi, int piOff, int k, double[] w, int wOff, double[] out, int outOff) {
        if (k == 2) {
            double s = pi[piOff] * pi[piOff + 1];
            double d = s * w[wOff];
            out[outOff] = d;
            out[outOff + 1] = -d;
            return;
        }
        double mean = 0;
        for (int a = 0; a < k; a++) {
            mean += pi[piOff + a] * w[wOff + a];
        }
        for (int a = 0; a < k; a++) {
            out[outOff + a] = pi[piOff + a] * (w[wOff + a] - mean);
        }
    }

    /**
     * Vector-Jacobian product J^T u: the gradient with respect to the state's logits of {@code sum_a pi_a u_a}
     * for fixed u ({@code u[uOff .. uOff + k)}), added (scaled by {@code scale}) into {@code out[outOff ..]} (L
     * entries).
     */
    public static void addVjp(double[] pi, int piOff, int k, double[] u, int uOff, double scale, double[] out,
                              int outOff) {
        if (k == 2) {
            out[outOff] += scale * pi[piOff] * pi[piOff + 1] * (u[uOff] - u[uOff + 1]);
            return;
        }
        double mean = 0;
        for (int a = 0; a < k; a++) {
            mean += pi[piOff + a] * u[uOff + a];
        }
        for (int a = 0; a < k; a++) {
            out[outOff + a] += scale * pi[piOff + a] * (u[uOff + a] - mean);
        }
    }

    /**
     * The second-order term d/de [J(logits + e w)^T u] at e = 0 for fixed u: the Hessian of
     * {@code sum_a pi_a u_a} with respect to the state's logits applied to w. Added (scaled) into {@code out}.
     *
     * @param piDot J w, as computed by {@link #jvp}
     */
    public static void addCurvature(double[] pi, int piOff, double[] piDot, int piDotOff, int k, double[] w,
                                    int wOff, double[] u, int uOff, double scale, double[] out, int outOff) {
        if (k == 2) {
            double p = pi[piOff];
            double q = pi[piOff + 1];
            // d/dx [p q (u0 - u1)] = p q (q - p) (u0 - u1)
            out[outOff] += scale * p * q * (q - p) * w[wOff] * (u[uOff] - u[uOff + 1]);
            return;
        }
        double mean = 0;
        double meanDot = 0;
        for (int a = 0; a < k; a++) {
            mean += pi[piOff + a] * u[uOff + a];
            meanDot += piDot[piDotOff + a] * u[uOff + a];
        }
        for (int a = 0; a < k; a++) {
            out[outOff + a] += scale * (piDot[piDotOff + a] * (u[uOff + a] - mean) - pi[piOff + a] * meanDot);
        }
    }

    /**
     * log pi(action): the log-probability of one action, computed stably from the logits (for two actions
     * log sigmoid(+-x); for k actions logit - logsumexp).
     */
    public static double logProbability(double[] theta, int off, int k, int action) {
        if (k == 2) {
            double x = action == 0 ? theta[off] : -theta[off];
            // log sigmoid(x) = -log(1 + exp(-x)), written to avoid overflow for x << 0.
            return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < k; a++) {
            max = Math.max(max, theta[off + a]);
        }
        if (Double.isInfinite(max)) {
            // As in probabilities: uniform over the actions with the (infinite) largest logit.
            if (theta[off + action] != max) {
                return Double.NEGATIVE_INFINITY;
            }
            int count = 0;
            for (int a = 0; a < k; a++) {
                count += theta[off + a] == max ? 1 : 0;
            }
            return -Math.log(count);
        }
        double sum = 0;
        for (int a = 0; a < k; a++) {
            sum += Math.exp(theta[off + a] - max);
        }
        return theta[off + action] - max - Math.log(sum);
    }
}
