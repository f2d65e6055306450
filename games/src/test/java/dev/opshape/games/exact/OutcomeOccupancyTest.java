package dev.opshape.games.exact;

import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.testkit.TestGames;
import dev.opshape.tabular.exact.ExactEvaluator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The normalised discounted outcome occupancy is a probability distribution, and it reproduces the average rewards:
 * sum_j occ[j] = 1, occ[j] &gt;= 0, and averageReward(i) = occ . r_i. The two sides come from different solves: the
 * value (hence the average reward) from x_i = M^-1 r_i and the occupancy from y = M^-T q0 (infinite horizon), or from
 * the backward and the forward recursion (finite horizon), so the identity checks that they describe the same chain.
 *
 * <p>Tolerance: the sum is 1 up to about S kappa u &lt;= 9 x 199 x 1.1e-16 = 2e-13 (S outcomes, kappa the condition
 * number of M; a T-step recursion loses at most T S u = 1e-13 at T = 100); 1e-12 absolute. The average rewards agree
 * to 1e-10 relative, the tolerance of {@link ExactEvaluatorMatchesDerivativeStructureTest}.
 */
class OutcomeOccupancyTest {

    static Stream<EvaluationPoint> points() {
        List<MatrixGame> games = new ArrayList<>(TestGames.twoByTwo());
        games.addAll(TestGames.larger());
        return games.stream().flatMap(g -> EvaluationPoint.grid(g, new double[] {0.0, 0.5, 0.96, 0.99},
                new int[] {IteratedGame.INFINITE, 1, 2, 100}, 1, 0x0CC + g.name().hashCode()).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("points")
    void occupancyIsADistributionThatReproducesTheAverageRewards(EvaluationPoint point) {
        ExactEvaluator exact = point.game().newEvaluator();
        exact.setPoint(point.theta1(), point.theta2());
        MatrixGame stage = point.game().game();
        double[] occupancy = new double[stage.numOutcomes()];
        exact.jointActionOccupancy(occupancy);
        double sum = 0;
        for (int j = 0; j < occupancy.length; j++) {
            assertTrue(occupancy[j] >= 0, "occupancy[" + j + "] = " + occupancy[j]);
            sum += occupancy[j];
        }
        Agreement.assertScalar("sum of the occupancy", 1.0, sum, 1e-12);
        for (int agent = 0; agent < 2; agent++) {
            double[] r = stage.outcomeRewards(agent);
            double expected = 0;
            for (int j = 0; j < r.length; j++) {
                expected += occupancy[j] * r[j];
            }
            Agreement.assertScalar("average reward of agent " + (agent + 1), expected, exact.averageReward(agent),
                    1e-10);
        }
    }
}
