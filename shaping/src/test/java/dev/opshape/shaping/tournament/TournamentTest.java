package dev.opshape.shaping.tournament;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.ProgressListener;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.shaping.learner.Learner;
import dev.opshape.shaping.learner.LearningRule;
import dev.opshape.shaping.learner.StreamIndex;
import dev.opshape.shaping.learner.UpdateKey;
import dev.opshape.shaping.training.Optimizer;
import dev.opshape.shaping.training.TrainingDivergedException;
import dev.opshape.tabular.catalog.ComponentSpec;
import org.apache.commons.rng.core.source64.Philox4x64;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scheduling: thread independence, streaming order, random-stream keys, progress and divergence. */
class TournamentTest {

    private static final IteratedGame IPD = IteratedGame.infinite(BuiltInGames.IPD, 0.96);

    /**
     * Stands in for a sampled-estimator learner: a random direction drawn from the Philox stream of its update
     * key, as sampled estimators draw their batches. It records the run indices it was given, and returns NaN in
     * the runs that {@code diverges} selects.
     */
    private static final class RandomWalkRule implements LearningRule {
        final Set<Integer> runsSeen = new ConcurrentSkipListSet<>();
        private final IntPredicate diverges;

        RandomWalkRule(IntPredicate diverges) {
            this.diverges = diverges;
        }

        @Override
        public Learner newLearner(IteratedGame game, int agent) {
            return new Learner() {
                @Override
                public int agent() {
                    return agent;
                }

                @Override
                public boolean learns() {
                    return true;
                }

                @Override
                public void direction(double[] theta, UpdateKey key, double[] out) {
                    runsSeen.add(key.run());
                    long stream = StreamIndex.of(key.run(), key.update(), agent, StreamIndex.Part.OUTER, 0);
                    Philox4x64 rng = new Philox4x64(new long[] {key.seed(), stream, 0, 0, 0, 0});
                    for (int c = 0; c < out.length; c++) {
                        out[c] = diverges.test(key.run()) && key.update() == 2 ? Double.NaN
                                : rng.nextDouble() - 0.5;
                    }
                }
            };
        }

        @Override
        public String describe() {
            return "random-walk";
        }
    }

    private static List<Entrant> roster(String specs, LearningRule extra) {
        List<Entrant> roster = new ArrayList<>(Entrant.parseRoster(specs, AgentDefaults.standard()));
        roster.add(new Entrant("random-walk", ComponentSpec.parse("random-walk"), extra));
        return roster;
    }

    private static TournamentConfig config(List<Entrant> roster, int steps, int repetitions, int threads) {
        return new TournamentConfig(roster, IPD, steps, repetitions, 42, Optimizer.Kind.ADAM, 0.1,
                TournamentConfig.DEFAULT_INIT, threads);
    }

    @Test
    void resultsAndStreamedOrderAreIdenticalForOneAndTwoThreads() {
        List<List<RunOutcome>> streams = new ArrayList<>();
        List<TournamentResult> results = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            List<Entrant> roster = roster("nl,lola:k=2,sos,tft,random", new RandomWalkRule(run -> false));
            List<RunOutcome> streamed = new ArrayList<>();
            results.add(Tournament.run(config(roster, 20, 3, threads), streamed::add, ProgressListener.NONE));
            streams.add(streamed);
        }
        List<RunOutcome> one = streams.get(0);
        List<RunOutcome> two = streams.get(1);
        assertEquals(21 * 3, one.size());
        assertEquals(one.size(), two.size());
        for (int k = 0; k < one.size(); k++) {
            RunOutcome a = one.get(k);
            RunOutcome b = two.get(k);
            assertEquals(k, a.sequence());
            assertEquals(a.sequence(), b.sequence());
            assertEquals(a.pairing(), b.pairing());
            assertEquals(a.repetition(), b.repetition());
            assertArrayEquals(a.theta1(), b.theta1(), 0.0);
            assertArrayEquals(a.theta2(), b.theta2(), 0.0);
            assertEquals(a.outcome().avgReward1(), b.outcome().avgReward1(), 0.0);
            assertEquals(a.outcome().label(), b.outcome().label());
        }
        // Repetition-major: a full round robin per repetition.
        assertEquals(0, one.get(20).repetition());
        assertEquals(1, one.get(21).repetition());
        assertEquals(0, one.get(21).pairing().index());

        TournamentResult r1 = results.get(0);
        TournamentResult r2 = results.get(1);
        for (int k = 0; k < r1.standings().size(); k++) {
            Standing a = r1.standings().get(k);
            Standing b = r2.standings().get(k);
            assertEquals(a, new Standing(b.rank(), b.agent(), b.name(), b.payoff(), b.median(), b.wins(),
                    b.matchWins(), b.cooperation(), b.labels(), b.runs()));
        }
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(r1.payoffs().mean(i, j), r2.payoffs().mean(i, j), 0.0);
                assertEquals(r1.payoffs().sd(i, j), r2.payoffs().sd(i, j), 0.0);
            }
        }
        assertEquals(r1.pairings(), r2.pairings());
    }

    @Test
    void learnersRandomStreamsAreKeyedByPairingAndRepetition() {
        RandomWalkRule walk = new RandomWalkRule(run -> false);
        TournamentConfig config = config(roster("nl,tft", walk), 3, 4, 2);
        List<RunOutcome> streamed = new ArrayList<>();
        Tournament.run(config, streamed::add, ProgressListener.NONE);
        Set<Integer> expected = new TreeSet<>();
        for (RunOutcome run : streamed) {
            assertEquals(run.pairing().index() * 4 + run.repetition(), run.run());
            if (run.pairing().name1().equals("random-walk") || run.pairing().name2().equals("random-walk")) {
                expected.add(run.run());
            }
        }
        assertEquals(expected, walk.runsSeen);
        // The random walker's self-play and its game against NL start from the same logits in repetition 0 but
        // draw different streams, so they end apart.
        RunOutcome vsNl = find(streamed, "nl", "random-walk", 0);
        RunOutcome self = find(streamed, "random-walk", "random-walk", 0);
        assertTrue(!Arrays.equals(vsNl.theta2(), self.theta2()));
    }

    private static RunOutcome find(List<RunOutcome> runs, String name1, String name2, int repetition) {
        return runs.stream().filter(r -> r.pairing().name1().equals(name1) && r.pairing().name2().equals(name2)
                && r.repetition() == repetition).findFirst().orElseThrow();
    }

    @Test
    void progressCountsOneUnitPerUpdateOfEveryRun() {
        TournamentConfig config = config(roster("nl,tft", new RandomWalkRule(run -> false)), 7, 3, 2);
        AtomicLong units = new AtomicLong();
        Tournament.run(config, TournamentListener.NONE, units::addAndGet);
        assertEquals(6 * 3 * 7, config.totalUpdates());
        assertEquals(config.totalUpdates(), units.get());
    }

    /**
     * A pairing of two fixed strategies is played once: its later repetitions carry the first one's outcome (the
     * same object: not recomputed), with their own sequence and run index, and progress still counts their updates.
     * A pairing with a learner is played in every repetition.
     */
    @Test
    void aPairingOfFixedStrategiesIsPlayedOnce() {
        TournamentConfig config = config(Entrant.parseRoster("tft,alld,nl", AgentDefaults.standard()), 4, 3, 2);
        List<RunOutcome> runs = new ArrayList<>();
        AtomicLong units = new AtomicLong();
        Tournament.run(config, runs::add, units::addAndGet);
        assertEquals(config.totalUpdates(), units.get());
        assertEquals(config.runs(), runs.size());
        RunOutcome first = find(runs, "tft", "alld", 0);
        for (int r = 1; r < 3; r++) {
            RunOutcome later = find(runs, "tft", "alld", r);
            assertTrue(later.outcome() == first.outcome(), "repetition " + r + " reuses the outcome");
            assertEquals(config.runIndex(later.pairing(), r), later.run());
            assertTrue(find(runs, "tft", "nl", r).outcome() != find(runs, "tft", "nl", 0).outcome());
        }
    }

    /**
     * The random walker diverges in repetition 1 of its game against TFT (pairing 4 of (nl,nl), (nl,tft),
     * (nl,walk), (tft,tft), (tft,walk), (walk,walk); run index 4 * 3 + 1 = 13). The tournament stops with a message
     * naming the pairing and repetition, after streaming exactly the runs before it (sequence 1 * 6 + 4 = 10), for
     * any number of threads.
     */
    @Test
    void aDivergingRunStopsTheTournamentNamingPairingAndRepetition() {
        for (int threads : new int[] {1, 2}) {
            TournamentConfig config = config(roster("nl,tft", new RandomWalkRule(run -> run == 13)), 5, 3, threads);
            List<RunOutcome> streamed = new ArrayList<>();
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> Tournament.run(config, streamed::add, ProgressListener.NONE));
            assertTrue(e.getMessage().startsWith("tournament stopped: pairing 4 (tft as player 1 vs random-walk "
                    + "as player 2), repetition 1: run 13 diverged at update 3: agent 2's update direction is NaN"),
                    e.getMessage());
            assertEquals(10, streamed.size());
            for (int k = 0; k < 10; k++) {
                assertEquals(k, streamed.get(k).sequence());
            }
        }
    }
}
