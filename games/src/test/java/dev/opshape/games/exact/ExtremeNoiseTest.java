package dev.opshape.games.exact;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.tabular.exact.ExactEvaluator;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Trembling-hand noise at the ends of its range, against identities that need no noisy kernel. With two actions and
 * noise 1 every intended action is flipped, so the noisy game at logits theta is the noiseless game at -theta
 * (sigmoid(-x) = 1 - sigmoid(x)): V_eps=1(theta) = V_0(-theta) and grad V_eps=1(theta) = -grad V_0(-theta). At noise
 * 1/2 both agents play fair coins whatever their logits: the values are those of all-zero logits and every gradient
 * is 0. Checked on the IPD and Axelrod's PD, infinite and finite (gamma = 1) horizons, at random points.
 */
class ExtremeNoiseTest {

    private static final double TOLERANCE = 1e-10;

    private static IteratedGame[] games() {
        return new IteratedGame[] {IteratedGame.infinite(BuiltInGames.IPD, 0.96),
            IteratedGame.finite(BuiltInGames.AXELROD_PD, 1.0, 200), IteratedGame.finite(BuiltInGames.IPD, 0.9, 7)};
    }

    @Test
    void noiseOneIsTheNoiselessGameWithEveryActionFlipped() {
        SplittableRandom random = new SplittableRandom(41);
        for (IteratedGame game : games()) {
            ExactEvaluator flipped = game.withNoise(1.0).newEvaluator();
            ExactEvaluator plain = game.newEvaluator();
            int d = game.jointDimension();
            for (int point = 0; point < 5; point++) {
                double[] theta = new double[d];
                double[] negated = new double[d];
                for (int i = 0; i < d; i++) {
                    theta[i] = random.nextGaussian() * 1.5;
                    negated[i] = -theta[i];
                }
                flipped.setPoint(theta);
                plain.setPoint(negated);
                double[] g1 = new double[d];
                double[] g0 = new double[d];
                for (int player = 0; player < 2; player++) {
                    assertEquals(plain.value(player), flipped.value(player),
                            TOLERANCE * Math.max(1, Math.abs(plain.value(player))));
                    flipped.gradient(player, g1);
                    plain.gradient(player, g0);
                    for (int i = 0; i < d; i++) {
                        assertEquals(-g0[i], g1[i], TOLERANCE * Math.max(1, Math.abs(g0[i])), "entry " + i);
                    }
                }
            }
        }
    }

    @Test
    void noiseOneHalfIsAFairCoinWithNothingToLearn() {
        SplittableRandom random = new SplittableRandom(43);
        for (IteratedGame game : games()) {
            ExactEvaluator coin = game.withNoise(0.5).newEvaluator();
            ExactEvaluator uniform = game.newEvaluator();
            int d = game.jointDimension();
            uniform.setPoint(new double[d]);
            double[] theta = new double[d];
            for (int i = 0; i < d; i++) {
                theta[i] = random.nextGaussian() * 2;
            }
            coin.setPoint(theta);
            double[] g = new double[d];
            for (int player = 0; player < 2; player++) {
                assertEquals(uniform.value(player), coin.value(player),
                        TOLERANCE * Math.max(1, Math.abs(uniform.value(player))));
                coin.gradient(player, g);
                for (double x : g) {
                    assertEquals(0.0, x, TOLERANCE);
                }
            }
        }
    }
}
