package dev.opshape.shaping.learner;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.shaping.estimator.EstimatorSpec;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.testkit.Vectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Taylor LOLA, LookAhead and SOS against finite differences of the surrogate each one differentiates:
 * <ul>
 *   <li>Taylor LOLA: d/dtheta_i [eta c . grad_j V_j(theta_i, theta_j)] with c = grad_j V_i held fixed;</li>
 *   <li>LookAhead: d/dtheta_i [eta grad_j V_i(theta_i, theta_j) . c] with c = grad_j V_j held fixed;</li>
 *   <li>full Taylor LOLA: the sum of both terms;</li>
 * </ul>
 * each added to grad_i V_i. SOS is then checked against its definition built from these independently verified
 * pieces.
 */
class FirstOrderShapingTest {

    private static final UpdateKey KEY = new UpdateKey(0, 0, 0);

    static Stream<Arguments> points() {
        SplittableRandom random = new SplittableRandom(7);
        Stream.Builder<Arguments> b = Stream.builder();
        for (MatrixGame game : new MatrixGame[] {BuiltInGames.IPD, BuiltInGames.CHICKEN, BuiltInGames.RPS}) {
            for (int rep = 0; rep < 3; rep++) {
                IteratedGame g = new IteratedGame(game, 0.9, rep == 2 ? 15 : 0);
                double[] t1 = new double[g.dimension(0)];
                double[] t2 = new double[g.dimension(1)];
                for (int c = 0; c < t1.length; c++) {
                    t1[c] = 2 * random.nextDouble() - 1;
                }
                for (int c = 0; c < t2.length; c++) {
                    t2[c] = 2 * random.nextDouble() - 1;
                }
                b.add(Arguments.of(g, rep % 2, t1, t2));
            }
        }
        // Near mutual defection, a fixed point of naive learning in the IPD, every gradient is tiny: |xi| < b, so
        // SOS's second damping branch (p = |xi|^2) is exercised too.
        double[] defect = {-6, -6, -6, -6, -6};
        b.add(Arguments.of(IteratedGame.infinite(BuiltInGames.IPD, 0.96), 0, defect, defect.clone()));
        return b.build();
    }

    /** grad over the whole joint vector of V_agent at (t1, t2). */
    private static double[] grad(IteratedGame g, int agent, double[] t1, double[] t2) {
        ExactEvaluator e = g.newEvaluator();
        e.setPoint(t1, t2);
        double[] out = new double[e.dimension()];
        e.gradient(agent, out);
        return out;
    }

    /** The opponent block of a joint vector. */
    private static double[] oppBlock(IteratedGame g, int agent, double[] joint) {
        int d1 = g.dimension(0);
        return agent == 0 ? java.util.Arrays.copyOfRange(joint, d1, joint.length)
                : java.util.Arrays.copyOfRange(joint, 0, d1);
    }

    private static double[] ownBlock(IteratedGame g, int agent, double[] joint) {
        return oppBlock(g, 1 - agent, joint);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** d/dtheta_own of weights . grad_opp V_whose (opponent block), by finite differences. */
    private static double[] shapingTerm(IteratedGame g, int agent, int whose, double[] t1, double[] t2,
                                        double[] weights) {
        double[] own = agent == 0 ? t1 : t2;
        return Numerical.gradient(x -> {
            double[] a = agent == 0 ? x : t1;
            double[] b = agent == 0 ? t2 : x;
            return dot(weights, oppBlock(g, agent, grad(g, whose, a, b)));
        }, own, 1e-3);
    }

    private static void assertClose(double[] expected, double[] actual) {
        double scale = 1;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(expected, actual, 1e-7 * scale);
    }

    @ParameterizedTest
    @MethodSource("points")
    void taylorLolaAddsTheShapingTerm(IteratedGame g, int agent, double[] t1, double[] t2) {
        double eta = 0.7;
        double[] gradOwn = grad(g, agent, t1, t2);
        double[] expected = ownBlock(g, agent, gradOwn);
        double[] shaping = shapingTerm(g, agent, 1 - agent, t1, t2, oppBlock(g, agent, gradOwn));
        for (int c = 0; c < expected.length; c++) {
            expected[c] += eta * shaping[c];
        }
        double[] actual = new double[expected.length];
        new TaylorLola(eta, false, EstimatorSpec.EXACT).newLearner(g, agent).direction(Vectors.concat(t1, t2), KEY, actual);
        assertClose(expected, actual);
    }

    @ParameterizedTest
    @MethodSource("points")
    void lookAheadAddsTheAnticipationTerm(IteratedGame g, int agent, double[] t1, double[] t2) {
        double eta = 0.7;
        double[] expected = ownBlock(g, agent, grad(g, agent, t1, t2));
        double[] oppGrad = oppBlock(g, agent, grad(g, 1 - agent, t1, t2));
        double[] term = shapingTerm(g, agent, agent, t1, t2, oppGrad);
        for (int c = 0; c < expected.length; c++) {
            expected[c] += eta * term[c];
        }
        double[] actual = new double[expected.length];
        new LookAhead(eta, EstimatorSpec.EXACT).newLearner(g, agent).direction(Vectors.concat(t1, t2), KEY, actual);
        assertClose(expected, actual);

        // The full Taylor form is LookAhead plus the shaping term.
        double[] taylor = new double[expected.length];
        new TaylorLola(eta, false, EstimatorSpec.EXACT).newLearner(g, agent).direction(Vectors.concat(t1, t2), KEY, taylor);
        double[] full = new double[expected.length];
        new TaylorLola(eta, true, EstimatorSpec.EXACT).newLearner(g, agent).direction(Vectors.concat(t1, t2), KEY, full);
        double[] naive = ownBlock(g, agent, grad(g, agent, t1, t2));
        double[] sum = new double[expected.length];
        for (int c = 0; c < sum.length; c++) {
            sum[c] = actual[c] + taylor[c] - naive[c];
        }
        assertClose(sum, full);
    }

    @ParameterizedTest
    @MethodSource("points")
    void sosFollowsItsDefinition(IteratedGame g, int ignored, double[] t1, double[] t2) {
        double eta = 0.7;
        double a = 0.5;
        double b = 0.1;
        // LA_i and chi_i from the (independently verified) LookAhead and Taylor LOLA learners.
        double[][] la = new double[2][];
        double[][] chi = new double[2][];
        double[][] xi = new double[2][];
        for (int i = 0; i < 2; i++) {
            int dim = g.dimension(i);
            la[i] = new double[dim];
            new LookAhead(eta, EstimatorSpec.EXACT).newLearner(g, i).direction(Vectors.concat(t1, t2), KEY, la[i]);
            double[] taylor = new double[dim];
            new TaylorLola(eta, false, EstimatorSpec.EXACT).newLearner(g, i).direction(Vectors.concat(t1, t2), KEY, taylor);
            xi[i] = ownBlock(g, i, grad(g, i, t1, t2));
            chi[i] = new double[dim];
            for (int c = 0; c < dim; c++) {
                chi[i][c] = (taylor[c] - xi[i][c]) / eta;
            }
        }
        double dot = eta * (dot(chi[0], la[0]) + dot(chi[1], la[1]));
        double laNorm2 = dot(la[0], la[0]) + dot(la[1], la[1]);
        double xiNorm = Math.sqrt(dot(xi[0], xi[0]) + dot(xi[1], xi[1]));
        double p1 = dot >= 0 ? 1 : Math.min(1, -a * laNorm2 / dot);
        double p2 = xiNorm < b ? xiNorm * xiNorm : 1;
        double p = Math.min(p1, p2);
        for (int i = 0; i < 2; i++) {
            double[] expected = new double[la[i].length];
            for (int c = 0; c < expected.length; c++) {
                expected[c] = la[i][c] + p * eta * chi[i][c];
            }
            double[] actual = new double[expected.length];
            new StableOpponentShaping(eta, a, b, EstimatorSpec.EXACT).newLearner(g, i)
                    .direction(Vectors.concat(t1, t2), KEY, actual);
            assertClose(expected, actual);
        }
    }
}
