package dev.opshape.shaping.tournament;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.shaping.training.Optimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TournamentConfigTest {

    private static TournamentConfig config(MatrixGame game, String roster, int repetitions) {
        return new TournamentConfig(Entrant.parseRoster(roster, AgentDefaults.standard()),
                IteratedGame.infinite(game, 0.96), 10, repetitions, 1, Optimizer.Kind.SGD, 1.0,
                TournamentConfig.DEFAULT_INIT, 2);
    }

    private static String roster(int n) {
        // Agents that fit any 2 x 2 game, with distinct specs.
        StringBuilder sb = new StringBuilder("nl");
        for (int k = 1; k < n; k++) {
            sb.append(",lola:k=").append(k);
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {1, 2, 3, 5})
    void aSymmetricGamePlaysEachUnorderedPairOnceWithSelfPlay(int n) {
        TournamentConfig c = config(BuiltInGames.IPD, roster(n), 2);
        List<Pairing> pairings = c.pairings();
        assertEquals(n * (n + 1) / 2, pairings.size());
        assertEquals(n * (n + 1) / 2, c.pairingCount());
        assertEquals(n * (n + 1), c.runs());
        assertEquals(10L * n * (n + 1), c.totalUpdates());
        for (int k = 0; k < pairings.size(); k++) {
            Pairing p = pairings.get(k);
            assertEquals(k, p.index());
            assertTrue(p.player1() <= p.player2(), "earlier roster entry plays player 1: " + p);
        }
        assertEquals(n, pairings.stream().filter(Pairing::selfPlay).count());
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {1, 2, 3, 5})
    void anAsymmetricGamePlaysEveryOrderedPair(int n) {
        assertTrue(!BuiltInGames.IMP.isSymmetric());
        TournamentConfig c = config(BuiltInGames.IMP, roster(n), 2);
        List<Pairing> pairings = c.pairings();
        assertEquals(n * n, pairings.size());
        assertEquals(n * n, pairings.stream().map(p -> p.player1() + "," + p.player2()).distinct().count());
    }

    @Test
    void runIndicesAreDistinctPerPairingAndRepetition() {
        TournamentConfig c = config(BuiltInGames.IPD, roster(3), 4);
        List<Pairing> pairings = c.pairings();
        assertEquals(2 * 4 + 3, c.runIndex(pairings.get(2), 3));
        long distinct = pairings.stream().flatMap(p -> java.util.stream.IntStream.range(0, 4)
                .mapToObj(r -> c.runIndex(p, r))).distinct().count();
        assertEquals(c.runs(), distinct);
    }

    /** 3 agents, symmetric: 6 pairings; 6 x 10922 = 65532 runs fit the 16-bit run field, 6 x 10923 = 65538 not. */
    @Test
    void tooManyRunsForTheSixteenBitRunFieldAreRejected() {
        assertEquals(65532, config(BuiltInGames.IPD, roster(3), 10922).runs());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(BuiltInGames.IPD, roster(3), 10923));
        assertEquals("3 agents in a symmetric game play 6 pairings; 6 x 10923 repetitions = 65538 runs, more than "
                + "the 65536 that the random-stream layout can key (16-bit run index); use at most 10922 "
                + "repetitions or fewer agents", e.getMessage());
        // Asymmetric: 9 pairings, at most 7281 repetitions.
        IllegalArgumentException asym = assertThrows(IllegalArgumentException.class,
                () -> config(BuiltInGames.IMP, roster(3), 7282));
        assertTrue(asym.getMessage().contains("use at most 7281 repetitions"), asym.getMessage());
    }

    @Test
    void aDuplicateAgentIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(BuiltInGames.IPD, "nl,tft,nl", 1));
        assertTrue(e.getMessage().startsWith("agent 'nl' is on the roster twice"), e.getMessage());
    }

    @Test
    void aDuplicateAgentIsRejectedWhateverItsCase() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(BuiltInGames.IPD, "tft,nl,TFT", 1));
        assertTrue(e.getMessage().startsWith("agent 'TFT' is on the roster twice (names are compared without case)"),
                e.getMessage());
    }

    @Test
    void anAgentThatCannotPlayTheGameIsRejectedBeforeAnyRun() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(BuiltInGames.RPS, "nl,tft", 1));
        assertTrue(e.getMessage().startsWith("agent 'tft' cannot play game 'rps': "), e.getMessage());
    }

    @Test
    void everyRepetitionOfEveryPairingStartsFromTheRepetitionsLogits() {
        TournamentConfig c = config(BuiltInGames.IPD, "nl,lola,tft", 3);
        List<Pairing> pairings = c.pairings();
        for (int r = 0; r < 3; r++) {
            double[] first = c.trainingConfig(pairings.get(0), r).initialLogits(0, 0);
            for (Pairing p : pairings) {
                if (!p.name1().equals("tft")) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(first,
                            c.trainingConfig(p, r).initialLogits(0, 0), 0.0);
                }
            }
            assertTrue(first[0] != c.trainingConfig(pairings.get(0), (r + 1) % 3).initialLogits(0, 0)[0]);
        }
    }
}
