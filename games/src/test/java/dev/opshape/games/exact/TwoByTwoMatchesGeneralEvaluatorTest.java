package dev.opshape.games.exact;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.testkit.TestGames;
import dev.opshape.tabular.exact.ExactEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The written-out 2 x 2 evaluator ({@link DiscountedTwoByTwoEvaluator}) and the general one
 * ({@link DiscountedEvaluator}, any number of actions) compute the same values, gradients, Hessian-vector products,
 * state values and occupancies, on random points of every 2 x 2 test game and discount (including 0 and 0.99) and
 * with some states deterministic. Both solve the same well-conditioned system by LU in a different arrangement, so
 * they agree to round-off: 1e-12 relative (see {@link ExactEvaluatorMatchesDerivativeStructureTest} for the error
 * analysis, whose worst case here is about 1e-13); a transposed state, a wrong sign or a missing term would differ
 * by a fraction of the result.
 */
class TwoByTwoMatchesGeneralEvaluatorTest {

    private static final double TOLERANCE = 1e-12;

    static Stream<EvaluationPoint> points() {
        return TestGames.twoByTwo().stream().flatMap(g -> EvaluationPoint.grid(g,
                ExactEvaluatorMatchesDerivativeStructureTest.GAMMAS, new int[] {IteratedGame.INFINITE}, 8,
                0x22L * 1_000_003L + g.name().hashCode()).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("points")
    void specialisedAndGeneralEvaluatorsAgree(EvaluationPoint point) {
        double[] theta1 = point.theta1().clone();
        double[] theta2 = point.theta2().clone();
        if (point.label().endsWith("3") || point.label().endsWith("7")) {
            // Deterministic states: slopes exactly 0 on both sides.
            theta1[1] = Double.POSITIVE_INFINITY;
            theta2[3] = Double.NEGATIVE_INFINITY;
        }
        MatrixGame stage = point.game().game();
        ExactEvaluator special = point.game().newEvaluator();
        ExactEvaluator general = ExactEvaluator.general(point.game());
        special.setPoint(theta1, theta2);
        general.setPoint(theta1, theta2);
        int d = point.game().jointDimension();
        double[] a = new double[d];
        double[] b = new double[d];
        for (int agent = 0; agent < 2; agent++) {
            String who = "V" + (agent + 1) + " ";
            Agreement.assertScalar(who + "value", general.value(agent), special.value(agent), TOLERANCE);
            general.gradient(agent, a);
            special.gradient(agent, b);
            Agreement.assertVector(who + "gradient", a, b, TOLERANCE);
            general.hessianVectorProduct(agent, point.direction(), a);
            special.hessianVectorProduct(agent, point.direction(), b);
            Agreement.assertVector(who + "Hessian-vector product", a, b, TOLERANCE);
            for (int row = 0; row <= stage.numOutcomes(); row++) {
                Agreement.assertScalar(who + "state value of row " + row, general.stateValue(agent, row, 0),
                        special.stateValue(agent, row, 0), TOLERANCE);
            }
        }
        double[] occupancyGeneral = new double[stage.numOutcomes()];
        double[] occupancySpecial = new double[stage.numOutcomes()];
        general.jointActionOccupancy(occupancyGeneral);
        special.jointActionOccupancy(occupancySpecial);
        Agreement.assertVector("occupancy", occupancyGeneral, occupancySpecial, TOLERANCE);
    }

    @Test
    void theSpecialKernelRefusesOtherRewards() {
        // Its rewards are written into the kernel; the general one takes others (SetRewardsTest).
        IteratedGame ipd = new IteratedGame(BuiltInGames.byName("ipd").orElseThrow(), 0.96, IteratedGame.INFINITE);
        ExactEvaluator special = ipd.newEvaluator();
        assertThrows(UnsupportedOperationException.class, () -> special.setRewards(0, new double[20]));
    }
}
