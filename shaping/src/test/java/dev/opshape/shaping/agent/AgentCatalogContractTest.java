package dev.opshape.shaping.agent;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.shaping.learner.Learner;
import dev.opshape.shaping.learner.LearningRule;
import dev.opshape.shaping.learner.UpdateKey;
import dev.opshape.tabular.InvalidModelException;
import dev.opshape.tabular.catalog.CatalogEntry;
import dev.opshape.tabular.catalog.ComponentSpec;
import dev.opshape.tabular.catalog.InvalidSpecException;
import dev.opshape.tabular.catalog.KeyDefinition;
import dev.opshape.testkit.AllocationCounter;
import dev.opshape.testkit.Vectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every entry of the agent catalog keeps (a new learner or strategy gets these checks by being
 * registered): it builds from its documented defaults (or from the example below, for an entry with a required
 * key), its directions are finite at random points of a prisoner's dilemma (the IPD, or Axelrod's for the
 * zero-determinant strategies whose levels are its payoffs) and, where it fits, of rock-paper-scissors, exactly
 * and with a sampled estimator; the same direction comes out on two threads at once as on one; a learner allocates
 * nothing per direction once warmed up; and an unknown key or a malformed value is refused with one line that names
 * the spec, the key and what is allowed.
 */
class AgentCatalogContractTest {

    /** Specs for the entries that a bare name cannot build (a key without a default that the entry needs). */
    private static final Map<String, String> EXAMPLES = Map.of("probs", "probs:p=1/1/0/1/0", "reactive",
            "reactive:p=1:q=0.3");
    private static final AgentDefaults DEFAULTS = AgentDefaults.standard();
    private static final int POINTS = 4;

    static Stream<Arguments> entries() {
        return AgentCatalog.catalog().entries().stream().map(e -> Arguments.of(e.name(), e));
    }

    /** Every entry in every variant it has: exact and, for learners, with a small sampled estimator. */
    static Stream<Arguments> variants() {
        List<Arguments> cases = new ArrayList<>();
        for (CatalogEntry<LearningRule> e : AgentCatalog.catalog().entries()) {
            String spec = EXAMPLES.getOrDefault(e.name(), e.name());
            cases.add(Arguments.of(spec));
            if (e.key("est") != null) {
                cases.add(Arguments.of(spec + ":est=dice:batch=8:horizon=10"));
                cases.add(Arguments.of(spec + ":est=lvc:batch=8:horizon=10:baseline=exact"));
            }
        }
        return cases.stream();
    }

    private static LearningRule rule(String spec) {
        return AgentCatalog.create(ComponentSpec.parse(spec), DEFAULTS);
    }

    /**
     * The games the entry fits: every entry plays a prisoner's dilemma, the IPD or, for the zero-determinant
     * strategies whose levels are numbers of Axelrod's payoffs, Axelrod's; RPS only where the rule does not refuse it.
     */
    private static List<IteratedGame> games(LearningRule rule) {
        List<IteratedGame> games = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (MatrixGame g : List.of(BuiltInGames.IPD, BuiltInGames.AXELROD_PD, BuiltInGames.RPS)) {
            IteratedGame game = IteratedGame.infinite(g, 0.9);
            try {
                rule.newLearner(game, 0);
                games.add(game);
            } catch (InvalidModelException e) {
                refusals.add(e.getMessage());
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
            }
        }
        assertTrue(games.stream().anyMatch(g -> g.game() != BuiltInGames.RPS),
                "every agent plays a prisoner's dilemma: " + refusals);
        return games;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void isDocumented(String name, CatalogEntry<LearningRule> entry) {
        assertFalse(entry.description().isBlank(), name + " has a description");
        for (KeyDefinition key : entry.keys()) {
            assertFalse(key.description().isBlank(), name + ":" + key.name() + " is described");
            assertFalse(key.type().allowed().isBlank(), name + ":" + key.name() + " says what it allows");
        }
        assertNotNull(rule(EXAMPLES.getOrDefault(name, name)), name + " builds from its defaults or its example");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void directionsAreFiniteAndIndependentOfTheThread(String spec) throws Exception {
        LearningRule rule = rule(spec);
        for (IteratedGame game : games(rule)) {
            SplittableRandom random = new SplittableRandom(spec.hashCode());
            for (int p = 0; p < POINTS; p++) {
                double[] theta = Vectors.gaussian(random, game.jointDimension(), 1.0);
                UpdateKey key = new UpdateKey(11, p, 3);
                for (int agent = 0; agent < 2; agent++) {
                    double[] alone = direction(rule, game, agent, theta, key);
                    for (double d : alone) {
                        assertTrue(Double.isFinite(d), spec + " in " + game.game().name() + ": " + d);
                    }
                    int seat = agent;
                    CompletableFuture<double[]> first = CompletableFuture.supplyAsync(
                            () -> direction(rule, game, seat, theta, key));
                    CompletableFuture<double[]> second = CompletableFuture.supplyAsync(
                            () -> direction(rule, game, seat, theta, key));
                    assertArrayEquals(alone, first.get(), spec + ": the same bits on another thread");
                    assertArrayEquals(alone, second.get(), spec + ": the same bits on a concurrent thread");
                }
            }
        }
    }

    private static double[] direction(LearningRule rule, IteratedGame game, int agent, double[] theta,
                                      UpdateKey key) {
        double[] out = new double[game.dimension(agent)];
        rule.newLearner(game, agent).direction(theta, key, out);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void learnersAllocateNothingPerDirection(String spec) {
        LearningRule rule = rule(spec);
        IteratedGame game = games(rule).get(0);
        Learner learner = rule.newLearner(game, 0);
        double[][] points = new double[4][];
        SplittableRandom random = new SplittableRandom(3);
        for (int p = 0; p < points.length; p++) {
            points[p] = Vectors.gaussian(random, game.jointDimension(), 1.0);
        }
        UpdateKey[] keys = new UpdateKey[64];
        for (int u = 0; u < keys.length; u++) {
            keys[u] = new UpdateKey(5, 0, u);
        }
        double[] out = new double[game.dimension(0)];
        for (int call = 0; call < 2000; call++) {
            learner.direction(points[call % points.length], keys[call % keys.length], out);
        }
        long bytes = AllocationCounter.fewestBytes(attempt -> {
            for (int call = 0; call < 40; call++) {
                learner.direction(points[call % points.length], keys[call % keys.length], out);
            }
        });
        assertEquals(0, bytes, spec + ": bytes allocated by 40 directions after warm-up");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void refusesUnknownKeysAndBadValuesWithOneLine(String name, CatalogEntry<LearningRule> entry) {
        String base = EXAMPLES.getOrDefault(name, name);
        InvalidSpecException unknown = assertThrows(InvalidSpecException.class, () -> rule(base + ":zzz=1"));
        assertTrue(unknown.getMessage().contains("unknown key 'zzz'") && unknown.getMessage().contains(name),
                unknown.getMessage());
        assertFalse(unknown.getMessage().contains("\n"));
        for (KeyDefinition key : entry.keys()) {
            if (base.contains(":" + key.name() + "=")) {
                continue;
            }
            String spec = base + ":" + key.name() + "=%%";
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> rule(spec).newLearner(IteratedGame.infinite(BuiltInGames.IPD, 0.9), 0), spec);
            assertTrue(bad.getMessage().contains(key.name()) && bad.getMessage().contains("%%"),
                    spec + ": " + bad.getMessage());
            assertFalse(bad.getMessage().contains("\n"));
        }
    }
}
