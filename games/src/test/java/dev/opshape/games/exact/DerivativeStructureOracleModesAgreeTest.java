package dev.opshape.games.exact;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.testkit.TestGames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/**
 * The test oracle's cheap modes (order-1 gradient, directional Hessian-vector product with two free parameters) give
 * the same numbers as its full order-2 mode, so that {@link ExactEvaluatorMatchesDerivativeStructureTest} may rely on
 * them for the 3 x 3 games. Checked on a few points of RPS and of the random 3 x 3 game (the full mode costs up to
 * 0.2 s per point there), infinite and finite horizon. Both sides are automatic differentiation of the same function,
 * so they agree to round-off: 1e-10 relative, as in the main oracle test.
 */
class DerivativeStructureOracleModesAgreeTest {

    static Stream<EvaluationPoint> points() {
        return Stream.of(BuiltInGames.RPS, TestGames.RANDOM_3X3).flatMap((MatrixGame g) -> EvaluationPoint.grid(g,
                new double[] {0.9}, new int[] {IteratedGame.INFINITE, 3}, 1, 7).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("points")
    void cheapModesMatchFullSecondOrder(EvaluationPoint point) {
        for (int agent = 0; agent < 2; agent++) {
            DerivativeStructureOracle.SecondOrder full = DerivativeStructureOracle.secondOrder(point.game(), agent,
                    point.theta1(), point.theta2());
            DerivativeStructureOracle.SecondOrder first = DerivativeStructureOracle.firstOrder(point.game(), agent,
                    point.theta1(), point.theta2());
            double[] directional = DerivativeStructureOracle.directionalHessianVectorProduct(point.game(), agent,
                    point.theta1(), point.theta2(), point.direction());
            Agreement.assertScalar("order-1 value", full.value(), first.value(), 1e-10);
            Agreement.assertVector("order-1 gradient", full.gradient(), first.gradient(), 1e-10);
            Agreement.assertVector("directional Hv", full.times(point.direction()), directional, 1e-10);
        }
    }
}
