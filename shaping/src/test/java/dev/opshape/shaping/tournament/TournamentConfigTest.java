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

    /**
     * The 22-bit run field: 3 agents in a symmetric game play 6 pairings, 6 x 699050 = 4194300 runs fit, 6 x 699051
     * = 4194306 do not (checked arithmetically: nothing is built). A 100-agent, 40-repetition tournament (202000 runs)
     * is well inside.
     */
    @Test
    void tooManyRunsForTheRunFieldAreRejected() {
        assertEquals(4194300, config(BuiltInGames.IPD, roster(3), 699050).runs());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(BuiltInGames.IPD, roster(3), 699051));
        assertEquals("3 agents in a symmetric game play 6 pairings; 6 x 699051 repetitions = 4194306 runs, more than "
                + "the 4194304 that the random-stream layout can key (22-bit run index); use at most 699050 "
                + "repetitions or fewer agents", e.getMessage());
        // Asymmetric: 9 pairings, at most 466033 repetitions.
        IllegalArgumentException asym = assertThrows(IllegalArgumentException.class,
                () -> config(BuiltInGames.IMP, roster(3), 466034));
        assertTrue(asym.getMessage().contains("use at most 466033 repetitions"), asym.getMessage());
        assertEquals(202000, config(BuiltInGames.IPD, roster(100), 40).runs());
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
