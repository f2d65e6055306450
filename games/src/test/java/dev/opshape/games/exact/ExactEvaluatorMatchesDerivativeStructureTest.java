package dev.opshape.games.exact;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.testkit.TestGames;
import dev.opshape.tabular.exact.ExactEvaluator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

/**
 * {@link ExactEvaluator} (adjoint gradient, forward-over-adjoint Hessian-vector product) agrees with automatic
 * differentiation of the plainly written {@link ReferenceValue} (commons-math3 {@code DerivativeStructure}), for both
 * agents' values, gradients and Hessian-vector products, on random points of 2 x 2, 2 x 3 and 3 x 3 games, with
 * discounts 0 .. 0.99, infinite and finite horizons.
 *
 * <h2>Tolerance: 1e-10 relative ({@link Agreement})</h2>
 * Both sides compute the same mathematical quantity in double precision by different routes, so they may differ only
 * by round-off. Values are O(R_max / (1 - gamma)) (up to 300 here), gradients and Hessian-vector products carry
 * further factors up to 1/(1 - gamma). Each result is a few hundred to a few thousand flops (an S x S LU with
 * S &lt;= 9, or T &lt;= 100 steps of an S x S recursion, then the row contractions), each with relative error
 * u = 2^-53 = 1.1e-16 of the magnitudes it combines, amplified at most by the condition number of M = I - gamma P,
 * kappa_inf(M) &lt;= (1 + gamma)/(1 - gamma) &lt;= 199. A first-order estimate for one solve is thus
 * S * kappa * u &lt;= 9 * 199 * 1.1e-16 = 2e-13 of the scale of the vector; a Hessian-vector product chains two more
 * solves and a contraction, so allow a few times that. In practice the two sides agree to 4e-15 (values), 5e-14
 * (gradients) and 3e-13 (Hessian-vector products) at worst over these points, and 1e-10 leaves a factor of about 300
 * above the worst. A defect in a formula (a missing gamma, a transposed state, a wrong softmax term) moves results
 * by a fraction of their size: at least about 1e-4 even where it only enters through the slope of a saturated
 * sigmoid (logits of 3 sigma = 9 here), so the tolerance still separates round-off from error by six orders of
 * magnitude (mutating any one such term in the main code makes dozens of these cases fail).
 *
 * <h2>Cost of the oracle</h2>
 * A full order-2 structure over all d logits carries (d+1)(d+2)/2 numbers: 66 for the IPD (d = 10), 435 for the
 * 2 x 3 game (d = 28), but 1891 for a 3 x 3 game (d = 60), where a finite horizon of 20 costs about 0.15 s per
 * point and agent. For the 3 x 3 games this test therefore takes the value and gradient from an order-1 structure
 * over all 60 logits and the Hessian-vector product by the directional trick of
 * {@link DerivativeStructureOracle#directionalHessianVectorProduct} (d evaluations with 2 free parameters); the two
 * oracle modes are checked against each other by {@link DerivativeStructureOracleModesAgreeTest}.
 */
class ExactEvaluatorMatchesDerivativeStructureTest {

    static final double TOLERANCE = 1e-10;
    static final double[] GAMMAS = {0.0, 0.5, 0.9, 0.96, 0.99};
    /** 2 x 2 games: infinite horizon, the shortest finite ones, a medium and a long one (T = 100). */
    static final int[] TWO_BY_TWO_HORIZONS = {IteratedGame.INFINITE, 1, 2, 20, 100};
    static final int[] LARGER_HORIZONS = {IteratedGame.INFINITE, 1, 2, 20};

    /** 5 gammas x 5 horizons x 2 = 50 points per 2 x 2 game. */
    static Stream<EvaluationPoint> twoByTwoPoints() {
        return points(TestGames.twoByTwo(), TWO_BY_TWO_HORIZONS, 2, 11);
    }

    /** 5 gammas x 4 horizons x 3 = 60 points for the 2 x 3 game. */
    static Stream<EvaluationPoint> twoByThreePoints() {
        return points(List.of(TestGames.ASYMMETRIC_2X3), LARGER_HORIZONS, 3, 23);
    }

    /** 5 gammas x 4 horizons x 3 = 60 points per 3 x 3 game. */
    static Stream<EvaluationPoint> threeByThreePoints() {
        return points(List.of(BuiltInGames.RPS, TestGames.RANDOM_3X3), LARGER_HORIZONS, 3, 33);
    }

    private static Stream<EvaluationPoint> points(List<MatrixGame> games, int[] horizons, int perCombination,
                                                  long seed) {
        return games.stream().flatMap(g -> EvaluationPoint.grid(g, GAMMAS, horizons, perCombination,
                seed * 1_000_003L + g.name().hashCode()).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twoByTwoPoints")
    void twoByTwoGamesMatchFullSecondOrderAutodiff(EvaluationPoint point) {
        Agreement.assertMatchesSecondOrderOracle(point, TOLERANCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twoByThreePoints")
    void sigmoidAgainstSoftmaxAgentMatchesFullSecondOrderAutodiff(EvaluationPoint point) {
        Agreement.assertMatchesSecondOrderOracle(point, TOLERANCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("threeByThreePoints")
    void threeByThreeGamesMatchFirstOrderAndDirectionalAutodiff(EvaluationPoint point) {
        Agreement.assertMatchesDirectionalOracle(point, TOLERANCE);
    }
}
