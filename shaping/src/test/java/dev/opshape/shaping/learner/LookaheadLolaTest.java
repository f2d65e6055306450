package dev.opshape.shaping.learner;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.testkit.Vectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The K-step LOLA direction (backward recursion of Hessian-vector products) equals the derivative of the composed
 * map theta_i -> V_i(theta_i, theta_j^K(theta_i)), where the K opponent steps are taken explicitly and the
 * derivative is taken by finite differences: an oracle that shares nothing with the recursion but the exact
 * gradient of the games module (itself checked against DerivativeStructure there).
 */
class LookaheadLolaTest {

    private static final UpdateKey KEY = new UpdateKey(0, 0, 0);

    static Stream<Arguments> cases() {
        SplittableRandom random = new SplittableRandom(20240611L);
        Stream.Builder<Arguments> cases = Stream.builder();
        MatrixGame[] games = {BuiltInGames.IPD, BuiltInGames.IMP, BuiltInGames.RPS};
        for (MatrixGame game : games) {
            for (int k = 1; k <= 5; k++) {
                int horizon = k % 2 == 0 ? 12 : IteratedGame.INFINITE;
                IteratedGame g = new IteratedGame(game, 0.9, horizon);
                double[] t1 = normal(random, g.dimension(0));
                double[] t2 = normal(random, g.dimension(1));
                cases.add(Arguments.of(g, k, k % 2 == 0 ? 0.3 : 1.0, random.nextInt(2), t1, t2));
            }
        }
        return cases.build();
    }

    private static double[] normal(SplittableRandom random, int n) {
        return Vectors.gaussian(random, n, 1.0);
    }

    /** V_i(theta_i, theta_j^K(theta_i)) with the K opponent steps taken explicitly. */
    static double composedValue(IteratedGame game, int agent, int k, double eta, double[] own, double[] opp0) {
        ExactEvaluator exact = game.newEvaluator();
        int opp = 1 - agent;
        int dim1 = game.dimension(0);
        double[] opponent = opp0.clone();
        double[] grad = new double[game.jointDimension()];
        for (int step = 0; step < k; step++) {
            exact.setPoint(agent == 0 ? own : opponent, agent == 0 ? opponent : own);
            exact.gradient(opp, grad);
            int off = opp == 0 ? 0 : dim1;
            for (int c = 0; c < opponent.length; c++) {
                opponent[c] += eta * grad[off + c];
            }
        }
        exact.setPoint(agent == 0 ? own : opponent, agent == 0 ? opponent : own);
        return exact.value(agent);
    }

    @ParameterizedTest(name = "{0} K={1} eta={2} agent={3}")
    @MethodSource("cases")
    void directionIsTheDerivativeThroughTheLookahead(IteratedGame game, int k, double eta, int agent,
                                                     double[] theta1, double[] theta2) {
        double[] own = agent == 0 ? theta1 : theta2;
        double[] opp = agent == 0 ? theta2 : theta1;
        double[] numeric = Numerical.gradient(x -> composedValue(game, agent, k, eta, x, opp), own, 1e-3);

        double[] direction = new double[own.length];
        LookaheadLola.exact(k, eta).newLearner(game, agent).direction(Vectors.concat(theta1, theta2), KEY, direction);

        double scale = 1;
        for (double v : numeric) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int c = 0; c < own.length; c++) {
            assertEquals(numeric[c], direction[c], 1e-7 * scale, "component " + c);
        }
    }
}
