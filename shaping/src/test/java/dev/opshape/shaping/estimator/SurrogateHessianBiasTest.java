package dev.opshape.shaping.estimator;

import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.tabular.mdp.RandomMdps;
import dev.opshape.tabular.mdp.TabularMdp;
import dev.opshape.testkit.Vectors;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The biased surrogates' Hessians against their closed form. LVC (sum_t MB(l_t) A_t) and MAML-RL (sum_t A_t l_t)
 * estimate the gradient without bias but not the Hessian; their bias is E[hess surrogate] - hess V, and here
 * E[hess surrogate] is computed exactly, independently of the estimator code: every trajectory of a tiny MDP
 * (S x A choices per move, T moves) is enumerated with its probability, its surrogate is written out with
 * commons-math3 {@link DerivativeStructure} (order 2 in every logit), and the probability-weighted sum of the
 * surrogates' gradients and Hessians is the exact expectation. Advantages are A_t = sum_{u &gt;= t} gamma^u r_u -
 * gamma^t b(s_t), with b the exact (T - t)-move state value computed by the test's own backward recursion, or b = 0.
 *
 * <p>Checks, per MDP (one softmax and one sigmoid case) and baseline:
 * <ul>
 *   <li>The enumeration itself: DiCE's expected gradient and Hessian equal the exact ones (1e-10), as do the LVC and
 *       MAML expected gradients; with the exact baseline the MAML expected Hessian is 0 (for a softmax or sigmoid
 *       policy hess l(a | s) does not depend on a, so it multiplies E[A_t | s_t] = 0).</li>
 *   <li>The sampled LVC and MAML estimators (batch 8, 12000 independent batches): the mean Hessian (all d x d entries,
 *       by unit-vector products) and gradient are within the family-wise 4-SE band of {@link Replicates} of the
 *       closed form, so their Hessian bias equals E[hess surrogate] - hess V.</li>
 *   <li>Negative control: the same means against the true Hessian miss it by more than 8 SE in an entry that
 *       varies between estimates (the bias is real and the check has the power to see it).</li>
 * </ul>
 */
class SurrogateHessianBiasTest {

    private static final double GAMMA = 0.85;
    private static final int HORIZON = 4;
    private static final int BATCH = 8;
    private static final int REPLICATES = 12_000;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (int[] shape : new int[][] {{2, 3}, {3, 2}}) {
            for (BaselineKind baseline : List.of(BaselineKind.EXACT, BaselineKind.NONE)) {
                cases.add(Arguments.of(shape[0], shape[1], baseline));
            }
        }
        return cases.stream();
    }

    /** The enumerated expectations: gradient and row-major Hessian of one surrogate. */
    private record Expectation(double[] gradient, double[] hessian) {
    }

    @ParameterizedTest(name = "S={0} A={1} baseline={2}")
    @MethodSource("cases")
    void lvcAndMamlHessianBiasIsTheirClosedForm(int states, int actions, BaselineKind baseline) {
        TabularMdp mdp = new RandomMdps(states, actions, 0.7, 0.0, 1.0, 0).draw(31L + states, 0);
        TabularProblem problem = mdp.problem(GAMMA, HORIZON);
        int d = problem.layout().dimension();
        double[] theta = Vectors.gaussian(new SplittableRandom(5 + states), d, 0.8);

        ExactEvaluator exact = problem.newEvaluator();
        exact.setPoint(theta);
        double[] trueGradient = new double[d];
        exact.gradient(0, trueGradient);
        double[] trueHessian = new double[d * d];
        double[] unit = new double[d];
        double[] column = new double[d];
        for (int j = 0; j < d; j++) {
            unit[j] = 1.0;
            exact.hessianVectorProduct(0, unit, column);
            unit[j] = 0.0;
            for (int i = 0; i < d; i++) {
                trueHessian[i * d + j] = column[i];
            }
        }

        Enumeration enumeration = new Enumeration(mdp, theta, baseline == BaselineKind.EXACT);
        Expectation dice = enumeration.expectation("dice");
        Expectation lvc = enumeration.expectation("lvc");
        Expectation maml = enumeration.expectation("maml");
        // The enumeration is right where the answer is known.
        assertClose(trueGradient, dice.gradient(), "DiCE gradient");
        assertClose(trueHessian, dice.hessian(), "DiCE Hessian");
        assertClose(trueGradient, lvc.gradient(), "LVC gradient");
        assertClose(trueGradient, maml.gradient(), "MAML gradient");
        if (baseline == BaselineKind.EXACT) {
            assertClose(new double[d * d], maml.hessian(), "MAML Hessian with the exact baseline");
        }

        for (Surrogate surrogate : List.of(Surrogates.lvc(), Surrogates.maml())) {
            Expectation closed = surrogate.name().equals("lvc") ? lvc : maml;
            Replicates stats = sampledMeans(problem, surrogate, baseline, theta, d);
            double[] closedForm = Vectors.concat(closed.gradient(), closed.hessian());
            double[] truth = Vectors.concat(trueGradient, trueHessian);
            double threshold = Replicates.threshold(closedForm.length, REPLICATES,
                    SampledEstimatorUnbiasednessTest.FAMILY_RATE);
            double[] z = stats.zScores(closedForm);
            // The negative control counts only entries with spread: an entry that is 0 in every estimate (for
            // example MAML's cross-state Hessian blocks) would "detect" any difference at infinite z.
            double[] zTrue = stats.zScores(truth);
            double[] se = stats.standardError();
            for (int i = 0; i < zTrue.length; i++) {
                if (!(se[i] > 0)) {
                    zTrue[i] = 0;
                }
            }
            int worst = Replicates.argMaxAbs(z);
            int worstTrue = Replicates.argMaxAbs(zTrue);
            double[] bias = new double[d * d];
            for (int i = 0; i < bias.length; i++) {
                bias[i] = closed.hessian()[i] - trueHessian[i];
            }
            System.out.printf(Locale.ROOT, "Hessian bias %s S=%d A=%d baseline=%s: closed-form bias norm %.4g "
                            + "(true Hessian %.4g); sampled vs closed form max |z| %.2f (threshold %.2f), vs true "
                            + "Hessian %.1f%n", surrogate.name(), states, actions, baseline,
                    EstimatorFixtures.norm(bias), EstimatorFixtures.norm(trueHessian), Math.abs(z[worst]),
                    threshold, Math.abs(zTrue[worstTrue]));
            assertTrue(Math.abs(z[worst]) <= threshold, surrogate.name() + ": component " + worst + " mean "
                    + stats.mean()[worst] + " vs closed form " + closedForm[worst] + ", z = " + z[worst]);
            assertTrue(Math.abs(zTrue[worstTrue]) > 8.0, surrogate.name() + ": the sampled Hessian does not "
                    + "distinguish the closed form from the true Hessian (max |z| " + zTrue[worstTrue] + ")");
        }
    }

    /** Gradient and all d x d Hessian entries of REPLICATES independent sampled estimates. */
    private static Replicates sampledMeans(TabularProblem problem, Surrogate surrogate, BaselineKind baseline,
                                           double[] theta, int d) {
        GradientEstimator estimator = new SampledEstimatorSpec(surrogate, BATCH, HORIZON, baseline, 0,
                Double.POSITIVE_INFINITY).create(problem);
        Replicates stats = new Replicates(d + d * d);
        double[] row = new double[d + d * d];
        double[] out = new double[d];
        double[] unit = new double[d];
        for (int r = 0; r < REPLICATES; r++) {
            estimator.setPoint(theta, 77L, r);
            estimator.gradient(0, out);
            System.arraycopy(out, 0, row, 0, d);
            for (int j = 0; j < d; j++) {
                unit[j] = 1.0;
                estimator.hessianVectorProduct(0, unit, out);
                unit[j] = 0.0;
                for (int i = 0; i < d; i++) {
                    row[d + i * d + j] = out[i];
                }
            }
            stats.add(row);
        }
        return stats;
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        double scale = Math.max(1.0, EstimatorFixtures.maxAbs(expected));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-10 * scale, what + " [" + i + "]");
        }
    }

    /**
     * Every trajectory of T moves of the MDP under the logits, with its probability, and the surrogates written in
     * DerivativeStructure over all d logits.
     */
    private static final class Enumeration {

        private final TabularMdp mdp;
        private final int states;
        private final int actions;
        private final int dimension;
        /** pi(a | s), log pi as a DerivativeStructure, by state and action. */
        private final double[][] policy;
        private final DerivativeStructure[][] logPolicy;
        /** b_t(s) = V_{T - t}(s) (the exact baseline) or 0. */
        private final double[][] baseline;

        private double[] gradient;
        private double[] hessian;
        private String surrogate;

        Enumeration(TabularMdp mdp, double[] theta, boolean exactBaseline) {
            this.mdp = mdp;
            this.states = mdp.numStates();
            this.actions = mdp.numActions();
            this.dimension = theta.length;
            this.policy = new double[states][actions];
            this.logPolicy = new DerivativeStructure[states][actions];
            int perState = actions == 2 ? 1 : actions;
            for (int s = 0; s < states; s++) {
                DerivativeStructure[] x = new DerivativeStructure[perState];
                for (int k = 0; k < perState; k++) {
                    x[k] = new DerivativeStructure(dimension, 2, s * perState + k, theta[s * perState + k]);
                }
                if (actions == 2) {
                    // p(action 0) = sigmoid(x): log p0 = -log(1 + e^-x), log p1 = -log(1 + e^x).
                    logPolicy[s][0] = x[0].negate().exp().add(1.0).log().negate();
                    logPolicy[s][1] = x[0].exp().add(1.0).log().negate();
                } else {
                    DerivativeStructure sum = x[0].exp();
                    for (int k = 1; k < actions; k++) {
                        sum = sum.add(x[k].exp());
                    }
                    DerivativeStructure logSum = sum.log();
                    for (int a = 0; a < actions; a++) {
                        logPolicy[s][a] = x[a].subtract(logSum);
                    }
                }
                for (int a = 0; a < actions; a++) {
                    policy[s][a] = Math.exp(logPolicy[s][a].getValue());
                }
            }
            this.baseline = new double[HORIZON][states];
            if (exactBaseline) {
                double[] next = new double[states];   // V_0 = 0
                for (int t = HORIZON - 1; t >= 0; t--) {
                    double[] value = new double[states];
                    for (int s = 0; s < states; s++) {
                        for (int a = 0; a < actions; a++) {
                            double q = mdp.reward(s, a);
                            for (int n = 0; n < states; n++) {
                                q += GAMMA * mdp.transition(s, a, n) * next[n];
                            }
                            value[s] += policy[s][a] * q;
                        }
                    }
                    baseline[t] = value;
                    next = value;
                }
            }
        }

        Expectation expectation(String name) {
            this.surrogate = name;
            this.gradient = new double[dimension];
            this.hessian = new double[dimension * dimension];
            double[] start = mdp.startDistribution();
            int[] visited = new int[HORIZON];
            int[] chosen = new int[HORIZON];
            for (int s = 0; s < states; s++) {
                if (start[s] > 0) {
                    walk(0, s, start[s], visited, chosen);
                }
            }
            return new Expectation(gradient, hessian);
        }

        private void walk(int t, int state, double probability, int[] visited, int[] chosen) {
            visited[t] = state;
            for (int a = 0; a < actions; a++) {
                double p = probability * policy[state][a];
                if (p == 0) {
                    continue;
                }
                chosen[t] = a;
                if (t == HORIZON - 1) {
                    accumulate(p, visited, chosen);
                    continue;
                }
                for (int n = 0; n < states; n++) {
                    double q = p * mdp.transition(state, a, n);
                    if (q > 0) {
                        walk(t + 1, n, q, visited, chosen);
                    }
                }
            }
        }

        private void accumulate(double probability, int[] visited, int[] chosen) {
            double[] discounted = new double[HORIZON];
            for (int t = 0; t < HORIZON; t++) {
                discounted[t] = Math.pow(GAMMA, t) * mdp.reward(visited[t], chosen[t]);
            }
            DerivativeStructure total = new DerivativeStructure(dimension, 2, 0.0);
            DerivativeStructure cumulative = new DerivativeStructure(dimension, 2, 0.0);
            for (int t = 0; t < HORIZON; t++) {
                DerivativeStructure l = logPolicy[visited[t]][chosen[t]];
                // MB(x) = exp(x - value(x)): value 1, the derivatives of exp(x).
                DerivativeStructure box = l.subtract(l.getValue()).exp();
                cumulative = cumulative.add(l);
                double returnToGo = 0;
                for (int u = t; u < HORIZON; u++) {
                    returnToGo += discounted[u];
                }
                double b = Math.pow(GAMMA, t) * baseline[t][visited[t]];
                double advantage = returnToGo - b;
                DerivativeStructure term = switch (surrogate) {
                    case "dice" -> cumulative.subtract(cumulative.getValue()).exp().multiply(discounted[t])
                            .add(box.negate().add(1.0).multiply(b));
                    case "lvc" -> box.multiply(advantage);
                    case "maml" -> l.multiply(advantage);
                    default -> throw new IllegalStateException(surrogate);
                };
                total = total.add(term);
            }
            int[] orders = new int[dimension];
            for (int i = 0; i < dimension; i++) {
                orders[i] = 1;
                gradient[i] += probability * total.getPartialDerivative(orders);
                orders[i] = 0;
                for (int j = 0; j < dimension; j++) {
                    orders[i]++;
                    orders[j]++;
                    hessian[i * dimension + j] += probability * total.getPartialDerivative(orders);
                    orders[i]--;
                    orders[j]--;
                }
            }
        }
    }
}
