package dev.opshape.games.exact;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.testkit.TestGames;
import dev.opshape.tabular.exact.ExactEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * With trembling-hand noise, {@link ExactEvaluator} (which scales the intended policies' derivatives by the slope c
 * of the executed policy) agrees with automatic differentiation of {@link ReferenceValue}, which applies the noise
 * from its definition (intend b, tremble with probability epsilon, land uniformly on one of the k - 1 others) and
 * shares no formula with the evaluator. Random points of the IPD, a general 2 x 2 game, the 2 x 3 game (a sigmoid
 * agent against a softmax one: different k, so different c per agent) and rock-paper-scissors (3 actions), noise
 * from 0.02 to 0.49 (c down to 0.02 for two actions), infinite and finite horizons.
 *
 * <p>Tolerance 1e-10 relative ({@link Agreement}), for the reasons given in
 * {@link ExactEvaluatorMatchesDerivativeStructureTest}: both sides compute the same quantity by different routes in
 * double precision; the noise only adds one affine map per probability on either side. A wrong noise term (the
 * intended instead of the executed probabilities in a contraction, a missing factor c, c applied twice) changes the
 * results by a fraction of epsilon or of 1 - c, at least 1e-3 of their size here.
 */
class NoisyGameMatchesDerivativeStructureTest {

    static final double TOLERANCE = 1e-10;
    static final double[] NOISES = {0.02, 0.1, 0.3, 0.49};
    static final double[] GAMMAS = {0.5, 0.96};
    static final int[] HORIZONS = {IteratedGame.INFINITE, 1, 20};

    static Stream<EvaluationPoint> fullSecondOrderPoints() {
        return points(List.of(BuiltInGames.IPD, TestGames.RANDOM_2X2, TestGames.ASYMMETRIC_2X3), GAMMAS, 71);
    }

    static Stream<EvaluationPoint> rpsPoints() {
        return points(List.of(BuiltInGames.RPS), new double[] {0.9}, 73);
    }

    /** Each noise x gamma x horizon once per game, the point drawn as in {@link EvaluationPoint#grid}. */
    private static Stream<EvaluationPoint> points(List<MatrixGame> games, double[] gammas, long seed) {
        List<EvaluationPoint> out = new ArrayList<>();
        for (MatrixGame g : games) {
            for (int i = 0; i < NOISES.length; i++) {
                double noise = NOISES[i];
                for (EvaluationPoint p : EvaluationPoint.grid(g, gammas, HORIZONS, 1,
                        seed * 1_000_003L + 31L * g.name().hashCode() + i)) {
                    out.add(new EvaluationPoint(p.label() + " noise=" + noise, p.game().withNoise(noise),
                            p.theta1(), p.theta2(), p.direction()));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullSecondOrderPoints")
    void valueGradientAndHvpMatchSecondOrderAutodiff(EvaluationPoint point) {
        Agreement.assertMatchesSecondOrderOracle(point, TOLERANCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rpsPoints")
    void rockPaperScissorsMatchesFirstOrderAndDirectionalAutodiff(EvaluationPoint point) {
        Agreement.assertMatchesDirectionalOracle(point, TOLERANCE);
    }

    /**
     * Noise 0 given explicitly is the noiseless game: the same evaluator class (the 2 x 2 kernel for the infinite
     * IPD) and bit-for-bit the same numbers as the three-argument game.
     */
    @Test
    void zeroNoiseIsBitForBitTheNoiselessGame() {
        SplittableRandom rng = new SplittableRandom(5);
        for (MatrixGame stage : List.of(BuiltInGames.IPD, BuiltInGames.RPS, TestGames.ASYMMETRIC_2X3)) {
            for (int horizon : HORIZONS) {
                IteratedGame plain = new IteratedGame(stage, 0.9, horizon);
                IteratedGame zero = plain.withNoise(0.0);
                ExactEvaluator a = plain.newEvaluator();
                ExactEvaluator b = zero.newEvaluator();
                assertEquals(a.getClass(), b.getClass());
                double[] t1 = EvaluationPoint.gaussian(rng, plain.dimension(0), 1.5);
                double[] t2 = EvaluationPoint.gaussian(rng, plain.dimension(1), 1.5);
                double[] v = EvaluationPoint.gaussian(rng, plain.jointDimension(), 1.0);
                a.setPoint(t1, t2);
                b.setPoint(t1, t2);
                for (int agent = 0; agent < 2; agent++) {
                    assertEquals(a.value(agent), b.value(agent), 0.0);
                    double[] ga = new double[a.dimension()];
                    double[] gb = new double[a.dimension()];
                    a.gradient(agent, ga);
                    b.gradient(agent, gb);
                    assertArrayEquals(ga, gb, 0.0);
                    a.hessianVectorProduct(agent, v, ga);
                    b.hessianVectorProduct(agent, v, gb);
                    assertArrayEquals(ga, gb, 0.0);
                }
            }
        }
        assertInstanceOf(DiscountedTwoByTwoEvaluator.class,
                IteratedGame.infinite(BuiltInGames.IPD, 0.96).withNoise(0.0).newEvaluator());
        assertClassName("DiscountedEvaluator", IteratedGame.infinite(BuiltInGames.IPD, 0.96).withNoise(0.1).newEvaluator());
    }

    /** The evaluator reports the intended policies, not the executed ones. */
    @Test
    void policyIsTheIntendedOne() {
        IteratedGame game = IteratedGame.infinite(BuiltInGames.IPD, 0.9).withNoise(0.2);
        ExactEvaluator exact = game.newEvaluator();
        double[] theta = {0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1, -1};
        exact.setPoint(theta, theta);
        double[] pi = new double[10];
        exact.policy(0, pi);
        assertEquals(0.5, pi[0], 0.0);
        assertEquals(1.0, pi[2], 0.0);
        assertEquals(0.0, pi[4], 0.0);
    }

    private static void assertClassName(String expected, Object evaluator) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, evaluator.getClass().getSimpleName());
    }
}
