package dev.opshape.games.exact;

import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.policy.PolicyLayout;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.testkit.TabularReferenceValue;
import org.apache.commons.math3.Field;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;

/**
 * The value of an iterated game written once, plainly, over any real field: the readable reference against which the
 * hot-path {@link ExactEvaluator} is checked. Evaluated with commons-math3 {@code DerivativeStructure} it yields
 * exact first and second derivatives by automatic differentiation (an oracle independent of the adjoint formulas);
 * evaluated with {@code Decimal64} it is the plain value.
 *
 * <p>It builds the start distribution and the transition matrix from the policies, then solves
 * (I - gamma P) x = r by Gaussian elimination (infinite horizon) or sums gamma^t p_t . r over t &lt; T (finite).
 * Trembling-hand noise epsilon is applied from its definition, action by action: the executed action is a with
 * probability (1 - epsilon) pi(a) + sum over the other actions b of pi(b) epsilon / (k - 1) (intend b, tremble,
 * land on a, one of b's k - 1 alternatives), with no use of the affine form the evaluators rely on.
 * It allocates freely and is meant for tests and cross-checks, not for speed.
 */
public final class ReferenceValue {

    private ReferenceValue() {
    }

    /**
     * V_agent at (theta1, theta2), each a vector of field elements laid out as {@link PolicyLayout} describes.
     */
    public static <T extends RealFieldElement<T>> T value(IteratedGame game, int agent, T[] theta1, T[] theta2) {
        MatrixGame stage = game.game();
        int n = stage.rows();
        int m = stage.columns();
        int s = n * m;
        Field<T> field = theta1[0].getField();
        T zero = field.getZero();
        PolicyLayout layout1 = game.policyLayout(0);
        PolicyLayout layout2 = game.policyLayout(1);

        // rows[r][j]: distribution of the next joint outcome j from row r (0 = start, 1 + j' = after outcome j').
        T[][] rows = MathArrays.buildArray(field, s + 1, s);
        for (int r = 0; r <= s; r++) {
            int state1 = r;
            int state2 = r == 0 ? 0 : layout2.stateAfter((r - 1) / m, (r - 1) % m);
            T[] p1 = TabularReferenceValue.executed(
                    TabularReferenceValue.probabilities(theta1, layout1.offset(state1), n, field), game.noise(), field);
            T[] p2 = TabularReferenceValue.executed(
                    TabularReferenceValue.probabilities(theta2, layout2.offset(state2), m, field), game.noise(), field);
            for (int a1 = 0; a1 < n; a1++) {
                for (int a2 = 0; a2 < m; a2++) {
                    rows[r][a1 * m + a2] = p1[a1].multiply(p2[a2]);
                }
            }
        }
        double[] reward = stage.outcomeRewards(agent);
        double gamma = game.gamma();

        if (game.isFinite()) {
            T total = zero;
            T[] p = rows[0].clone();
            double weight = 1.0;
            for (int t = 0; t < game.horizon(); t++) {
                for (int j = 0; j < s; j++) {
                    total = total.add(p[j].multiply(weight * reward[j]));
                }
                T[] next = MathArrays.buildArray(field, s);
                for (int k = 0; k < s; k++) {
                    T acc = zero;
                    for (int j = 0; j < s; j++) {
                        acc = acc.add(p[j].multiply(rows[j + 1][k]));
                    }
                    next[k] = acc;
                }
                p = next;
                weight *= gamma;
            }
            return total;
        }

        T[][] transition = MathArrays.buildArray(field, s, s);
        T[] rewards = MathArrays.buildArray(field, s);
        for (int i = 0; i < s; i++) {
            transition[i] = rows[i + 1];
            rewards[i] = zero.add(reward[i]);
        }
        T[] x = TabularReferenceValue.solveDiscounted(transition, rewards, gamma);
        T v = zero;
        for (int j = 0; j < s; j++) {
            v = v.add(rows[0][j].multiply(x[j]));
        }
        return v;
    }
}
