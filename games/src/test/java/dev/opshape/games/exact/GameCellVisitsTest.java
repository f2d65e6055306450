package dev.opshape.games.exact;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.tabular.TabularModel;
import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.testkit.TabularReferenceValue;
import dev.opshape.testkit.Vectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cell visits on games, where the hand-written 2 x 2 kernel answers through the general one: D(c) = V of the reward
 * table e_c and D'(c) = v . grad V_{e_c}, from the DerivativeStructure reference, to 1e-10 relative.
 */
class GameCellVisitsTest {

    @ParameterizedTest
    @ValueSource(strings = {"ipd", "ipd-noisy", "ipd-finite", "rps"})
    void visitsMatchTheReference(String which) {
        IteratedGame game = switch (which) {
            case "ipd" -> IteratedGame.infinite(BuiltInGames.IPD, 0.96);
            case "ipd-noisy" -> IteratedGame.infinite(BuiltInGames.IPD, 0.9).withNoise(0.05);
            case "ipd-finite" -> IteratedGame.finite(BuiltInGames.IPD, 0.96, 12);
            default -> IteratedGame.infinite(BuiltInGames.RPS, 0.9);
        };
        SplittableRandom random = new SplittableRandom(which.hashCode());
        int d = game.layout().dimension();
        double[] theta = Vectors.gaussian(random, d, 1.0);
        double[] v = Vectors.gaussian(random, d, 1.0);
        ExactEvaluator exact = game.newEvaluator();
        exact.setPoint(theta);
        TabularModel model = game.model();
        int cells = model.numCells();
        double[] visits = new double[cells];
        double[] visitsDot = new double[cells];
        exact.cellVisits(visits);
        exact.cellVisitsDirectional(v, visitsDot);
        for (int c = 0; c < cells; c++) {
            double[] unit = new double[cells];
            unit[c] = 1.0;
            TabularProblem indicator = TabularProblem.of(model.withRewards(1, unit), game.gamma(), game.horizon(),
                    game.noise());
            assertEquals(TabularReferenceValue.value(indicator, 1, theta), visits[c], 1e-10 * 25, "D[" + c + "]");
            double[] g = TabularReferenceValue.gradient(indicator, 1, theta);
            double dot = 0;
            for (int i = 0; i < d; i++) {
                dot += g[i] * v[i];
            }
            assertEquals(dot, visitsDot[c], 1e-10 * 25, "D'[" + c + "]");
        }
    }
}
