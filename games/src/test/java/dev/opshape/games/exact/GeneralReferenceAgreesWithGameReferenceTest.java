package dev.opshape.games.exact;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.testkit.TestGames;
import dev.opshape.testkit.TabularReferenceValue;
import dev.opshape.testkit.Vectors;
import org.apache.commons.math3.util.Decimal64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The two reference values agree: the general one over any tabular model (used for MDPs and other non-game models)
 * and the game-specific one written directly over the payoff matrices, memory-1 states and the start row. They are
 * written independently (one reads the model's transition table, the other rebuilds the game's outcome chain), so
 * their agreement on games supports the general one where only it applies.
 */
class GeneralReferenceAgreesWithGameReferenceTest {

    static Stream<Arguments> games() {
        MatrixGame[] stages = {BuiltInGames.IPD, BuiltInGames.RPS, TestGames.ASYMMETRIC_2X3};
        Stream.Builder<Arguments> cases = Stream.builder();
        for (MatrixGame stage : stages) {
            cases.add(Arguments.of(IteratedGame.infinite(stage, 0.9)));
            cases.add(Arguments.of(IteratedGame.finite(stage, 0.95, 7)));
            cases.add(Arguments.of(IteratedGame.infinite(stage, 0.8).withNoise(0.1)));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("games")
    void valuesAgree(IteratedGame game) {
        SplittableRandom random = new SplittableRandom(game.toString().hashCode());
        int d1 = game.layout().dimension(0);
        int d2 = game.layout().dimension(1);
        for (int point = 0; point < 5; point++) {
            double[] theta1 = Vectors.gaussian(random, d1, 1.5);
            double[] theta2 = Vectors.gaussian(random, d2, 1.5);
            double[] joint = Vectors.concat(theta1, theta2);
            for (int agent = 0; agent < 2; agent++) {
                double general = TabularReferenceValue.value(game, agent, joint);
                double specific = ReferenceValue.value(game, agent, decimals(theta1), decimals(theta2)).getReal();
                assertEquals(specific, general, 1e-11 * Math.max(1, Math.abs(specific)),
                        game + " agent " + agent + " point " + point);
            }
        }
    }

    private static Decimal64[] decimals(double[] x) {
        Decimal64[] out = new Decimal64[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = new Decimal64(x[i]);
        }
        return out;
    }
}
