package dev.opshape.shaping.estimator;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.tabular.catalog.CatalogEntry;
import dev.opshape.tabular.catalog.ComponentSpec;
import dev.opshape.tabular.catalog.InvalidSpecException;
import dev.opshape.tabular.catalog.KeyDefinition;
import dev.opshape.testkit.AllocationCounter;
import dev.opshape.testkit.Vectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every entry of the estimator catalog keeps (a new surrogate gets it by being registered in
 * {@link Surrogates}): it builds from its defaults, its values, gradients and Hessian-vector products are finite at
 * random points of the IPD and of rock-paper-scissors (with every baseline), the same numbers come out on another
 * thread, a load and its queries allocate nothing after warm-up, and unknown keys or malformed values are refused
 * with one line.
 */
class EstimatorCatalogContractTest {

    static Stream<Arguments> entries() {
        return EstimatorCatalog.catalog().entries().stream().map(e -> Arguments.of(e.name(), e));
    }

    static Stream<Arguments> variants() {
        return EstimatorCatalog.catalog().entries().stream().flatMap(e -> e.keys().isEmpty()
                ? Stream.of(Arguments.of(e.name()))
                : Stream.of("none", "mean", "learned", "exact").map(b -> Arguments.of(e.name()
                + ":batch=6:horizon=8:baseline=" + b)));
    }

    private static EstimatorSpec spec(String text) {
        return EstimatorCatalog.catalog().create(ComponentSpec.parse(text));
    }

    private static double[][] queries(EstimatorSpec spec, IteratedGame game, double[] theta, double[] v) {
        GradientEstimator est = spec.create(game);
        est.setPoint(theta, 9, 4);
        double[][] out = new double[4][game.jointDimension()];
        for (int player = 0; player < 2; player++) {
            est.gradient(player, out[player]);
            est.hessianVectorProduct(player, v, out[2 + player]);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void queriesAreFiniteAndIndependentOfTheThread(String text) throws Exception {
        EstimatorSpec spec = spec(text);
        for (IteratedGame game : List.of(IteratedGame.finite(BuiltInGames.IPD, 0.9, 8),
                IteratedGame.finite(BuiltInGames.RPS, 0.9, 8))) {
            SplittableRandom random = new SplittableRandom(text.hashCode());
            double[] theta = Vectors.gaussian(random, game.jointDimension(), 1.0);
            double[] v = Vectors.gaussian(random, game.jointDimension(), 1.0);
            double[][] alone = queries(spec, game, theta, v);
            for (double[] row : alone) {
                for (double x : row) {
                    assertTrue(Double.isFinite(x), text + " in " + game.game().name() + ": " + x);
                }
            }
            double[][] other = CompletableFuture.supplyAsync(() -> queries(spec, game, theta, v)).get();
            for (int q = 0; q < alone.length; q++) {
                assertArrayEquals(alone[q], other[q], text + ": the same bits on another thread");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void loadsAndQueriesAllocateNothing(String text) {
        IteratedGame game = IteratedGame.finite(BuiltInGames.RPS, 0.9, 8);
        GradientEstimator est = spec(text).create(game);
        SplittableRandom random = new SplittableRandom(1);
        double[] theta = Vectors.gaussian(random, game.jointDimension(), 1.0);
        double[] v = Vectors.gaussian(random, game.jointDimension(), 1.0);
        double[] out = new double[game.jointDimension()];
        for (int call = 0; call < 2000; call++) {
            round(est, theta, v, out, call);
        }
        long bytes = AllocationCounter.fewestBytes(attempt -> {
            for (int call = 0; call < 40; call++) {
                round(est, theta, v, out, 10_000 + call);
            }
        });
        assertEquals(0, bytes, text + ": bytes allocated by 40 loads with their queries");
    }

    private static void round(GradientEstimator est, double[] theta, double[] v, double[] out, long stream) {
        est.setPoint(theta, 3, stream);
        est.value(1);
        est.gradient(0, out);
        est.hessianVectorProduct(1, v, out);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void refusesUnknownKeysAndBadValuesWithOneLine(String name, CatalogEntry<EstimatorSpec> entry) {
        InvalidSpecException unknown = assertThrows(InvalidSpecException.class, () -> spec(name + ":zzz=1"));
        assertTrue(unknown.getMessage().contains("unknown key 'zzz'"), unknown.getMessage());
        for (KeyDefinition key : entry.keys()) {
            InvalidSpecException bad = assertThrows(InvalidSpecException.class,
                    () -> spec(name + ":" + key.name() + "=%%"));
            assertTrue(bad.getMessage().contains(key.name() + "=%%") && bad.getMessage().contains(
                    key.type().allowed()), bad.getMessage());
            assertFalse(bad.getMessage().contains("\n"));
        }
    }
}
