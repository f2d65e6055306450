package dev.opshape.testkit;

import dev.opshape.tabular.Player;
import dev.opshape.tabular.TabularModel;
import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.policy.ParameterLayout;
import org.apache.commons.math3.Field;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.util.MathArrays;

/**
 * The value of any tabular problem written once, plainly, over any real field: the readable reference against which
 * the exact evaluators are checked on models that are not 2 x 2 games (MDPs, three-player models). Evaluated with
 * commons-math3 {@link DerivativeStructure} it gives exact first and second derivatives by forward-mode automatic
 * differentiation, sharing no derivative formula with the evaluators (no adjoint solve, no policy Jacobians).
 *
 * <p>It builds each player's executed action distribution in every state from the logits (sigmoid of the one logit
 * for two actions, a softmax otherwise; trembling-hand noise applied from its definition, action by action), the
 * state-to-state matrix P_pi[s][s'] = sum_a prod_i pi_i(a_i | o_i(s)) P(s' | s, a) and the reward r_pi[s], then
 * solves (I - gamma P_pi) x = r_pi by Gaussian elimination with partial pivoting on the real parts (infinite horizon)
 * or sums gamma^t p_t . r_pi over t &lt; T (finite horizon). It allocates freely: for tests only.
 */
public final class TabularReferenceValue {

    private TabularReferenceValue() {
    }

    /** V_player at the joint logits theta (laid out as the problem's {@link ParameterLayout}). */
    public static <T extends RealFieldElement<T>> T value(TabularProblem problem, int player, T[] theta) {
        TabularModel model = problem.model();
        Field<T> field = theta[0].getField();
        T zero = field.getZero();
        int states = model.numStates();
        int joint = model.numJointActions();
        ParameterLayout layout = problem.layout();

        T[][] transition = MathArrays.buildArray(field, states, states);
        T[] reward = MathArrays.buildArray(field, states);
        for (int s = 0; s < states; s++) {
            T[][] executed = MathArrays.buildArray(field, model.numPlayers(), 0);
            for (int i = 0; i < model.numPlayers(); i++) {
                Player p = model.player(i);
                executed[i] = executed(probabilities(theta, layout.offset(i, p.observation(s)), p.numActions(),
                        field), problem.noise(), field);
            }
            T rewardHere = zero;
            for (int a = 0; a < joint; a++) {
                T weight = field.getOne();
                for (int i = 0; i < model.numPlayers(); i++) {
                    weight = weight.multiply(executed[i][model.action(i, a)]);
                }
                rewardHere = rewardHere.add(weight.multiply(model.reward(player, s, a)));
                for (int next = 0; next < states; next++) {
                    double p = model.transitionProbability(s, a, next);
                    if (p != 0) {
                        transition[s][next] = transition[s][next].add(weight.multiply(p));
                    }
                }
            }
            reward[s] = rewardHere;
        }
        double gamma = problem.gamma();
        double[] start = model.startDistribution();

        if (problem.isFinite()) {
            T total = zero;
            T[] distribution = MathArrays.buildArray(field, states);
            for (int s = 0; s < states; s++) {
                distribution[s] = zero.add(start[s]);
            }
            double weight = 1.0;
            for (int t = 0; t < problem.horizon(); t++) {
                for (int s = 0; s < states; s++) {
                    total = total.add(distribution[s].multiply(reward[s]).multiply(weight));
                }
                T[] next = MathArrays.buildArray(field, states);
                for (int s = 0; s < states; s++) {
                    for (int k = 0; k < states; k++) {
                        next[k] = next[k].add(distribution[s].multiply(transition[s][k]));
                    }
                }
                distribution = next;
                weight *= gamma;
            }
            return total;
        }

        T[] x = solveDiscounted(transition, reward, gamma);
        T v = zero;
        for (int s = 0; s < states; s++) {
            v = v.add(x[s].multiply(start[s]));
        }
        return v;
    }

    /** V_player at a point of doubles (the plain value). */
    public static double value(TabularProblem problem, int player, double[] theta) {
        DerivativeStructure[] x = new DerivativeStructure[theta.length];
        for (int i = 0; i < theta.length; i++) {
            x[i] = new DerivativeStructure(1, 0, theta[i]);
        }
        return value(problem, player, x).getValue();
    }

    /** The gradient of V_player at theta, from an order-1 structure over every logit. */
    public static double[] gradient(TabularProblem problem, int player, double[] theta) {
        int d = theta.length;
        DerivativeStructure[] x = new DerivativeStructure[d];
        for (int i = 0; i < d; i++) {
            x[i] = new DerivativeStructure(d, 1, i, theta[i]);
        }
        DerivativeStructure v = value(problem, player, x);
        double[] gradient = new double[d];
        int[] orders = new int[d];
        for (int i = 0; i < d; i++) {
            orders[i] = 1;
            gradient[i] = v.getPartialDerivative(orders);
            orders[i] = 0;
        }
        return gradient;
    }

    /**
     * H v for the Hessian H of V_player at theta, by the directional trick: for every k, f(a, b) = V(theta + a e_k
     * + b v) has d^2 f / (da db) at 0 equal to (H v)_k, so an order-2 structure over just (a, b) gives one component
     * exactly (6 numbers per intermediate instead of (d + 1)(d + 2) / 2).
     */
    public static double[] hessianVectorProduct(TabularProblem problem, int player, double[] theta, double[] v) {
        int d = theta.length;
        double[] out = new double[d];
        DerivativeStructure a = new DerivativeStructure(2, 2, 0, 0.0);
        DerivativeStructure b = new DerivativeStructure(2, 2, 1, 0.0);
        DerivativeStructure[] x = new DerivativeStructure[d];
        for (int k = 0; k < d; k++) {
            for (int i = 0; i < d; i++) {
                x[i] = b.multiply(v[i]).add(theta[i]);
                if (i == k) {
                    x[i] = x[i].add(a);
                }
            }
            out[k] = value(problem, player, x).getPartialDerivative(1, 1);
        }
        return out;
    }

    /**
     * The solution x of (I - gamma P) x = r (the discounted values of a Markov chain with transition matrix P and
     * rewards r), by Gaussian elimination with partial pivoting on the real parts; the matrix is strictly row
     * diagonally dominant for gamma &lt; 1, so pivoting only guards round-off.
     */
    public static <T extends RealFieldElement<T>> T[] solveDiscounted(T[][] transition, T[] reward, double gamma) {
        int states = reward.length;
        Field<T> field = reward[0].getField();
        T[][] a = MathArrays.buildArray(field, states, states + 1);
        for (int i = 0; i < states; i++) {
            for (int j = 0; j < states; j++) {
                a[i][j] = transition[i][j].multiply(-gamma).add(i == j ? 1.0 : 0.0);
            }
            a[i][states] = reward[i];
        }
        for (int k = 0; k < states; k++) {
            int pivot = k;
            for (int i = k + 1; i < states; i++) {
                if (Math.abs(a[i][k].getReal()) > Math.abs(a[pivot][k].getReal())) {
                    pivot = i;
                }
            }
            T[] swap = a[k];
            a[k] = a[pivot];
            a[pivot] = swap;
            for (int i = k + 1; i < states; i++) {
                T factor = a[i][k].divide(a[k][k]);
                for (int j = k; j <= states; j++) {
                    a[i][j] = a[i][j].subtract(factor.multiply(a[k][j]));
                }
            }
        }
        T[] x = MathArrays.buildArray(field, states);
        for (int i = states - 1; i >= 0; i--) {
            T acc = a[i][states];
            for (int j = i + 1; j < states; j++) {
                acc = acc.subtract(a[i][j].multiply(x[j]));
            }
            x[i] = acc.divide(a[i][i]);
        }
        return x;
    }

    /** The executed distribution: the intended action is kept with probability 1 - noise, else one of the others. */
    public static <T extends RealFieldElement<T>> T[] executed(T[] intended, double noise, Field<T> field) {
        if (noise == 0) {
            return intended;
        }
        int k = intended.length;
        T[] p = MathArrays.buildArray(field, k);
        for (int a = 0; a < k; a++) {
            T acc = intended[a].multiply(1.0 - noise);
            for (int b = 0; b < k; b++) {
                if (b != a) {
                    acc = acc.add(intended[b].multiply(noise / (k - 1)));
                }
            }
            p[a] = acc;
        }
        return p;
    }

    /** Sigmoid (p(action 0) = sigmoid(logit)) for two actions, softmax of k logits otherwise. */
    public static <T extends RealFieldElement<T>> T[] probabilities(T[] theta, int offset, int k, Field<T> field) {
        T[] p = MathArrays.buildArray(field, k);
        if (k == 2) {
            T x = theta[offset];
            p[0] = x.negate().exp().add(1.0).reciprocal();
            p[1] = x.exp().add(1.0).reciprocal();
            return p;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < k; a++) {
            max = Math.max(max, theta[offset + a].getReal());
        }
        T sum = field.getZero();
        for (int a = 0; a < k; a++) {
            p[a] = theta[offset + a].subtract(max).exp();
            sum = sum.add(p[a]);
        }
        for (int a = 0; a < k; a++) {
            p[a] = p[a].divide(sum);
        }
        return p;
    }
}
