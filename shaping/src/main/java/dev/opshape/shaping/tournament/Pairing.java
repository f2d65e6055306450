package dev.opshape.shaping.tournament;

import java.util.ArrayList;
import java.util.List;

/**
 * One pairing of a tournament: which roster entrant plays as player 1 and which as player 2.
 *
 * @param index   position in the tournament's list of pairings (0-based)
 * @param player1 roster index of player 1
 * @param player2 roster index of player 2 (equal to player1 in self-play)
 * @param name1   player 1's display name
 * @param name2   player 2's display name
 */
public record Pairing(int index, int player1, int player2, String name1, String name2) {

    /** True when an entrant plays itself. */
    public boolean selfPlay() {
        return player1 == player2;
    }

    /** The roster index of the entrant in the given role (0 = player 1, 1 = player 2). */
    public int player(int role) {
        return role == 0 ? player1 : player2;
    }

    /**
     * The round robin of a roster, self-play included, in a fixed order. Symmetric game: each unordered pair once,
     * the earlier roster entry as player 1: (0,0), (0,1), ..., (0,n-1), (1,1), (1,2), ..., n (n + 1) / 2 pairings.
     * Otherwise every ordered pair: (0,0), (0,1), ..., (n-1,n-1), n^2 pairings.
     *
     * @param names     the entrants' display names, in roster order
     * @param symmetric whether the stage game is symmetric
     */
    public static List<Pairing> roundRobin(List<String> names, boolean symmetric) {
        int n = names.size();
        List<Pairing> pairings = new ArrayList<>(symmetric ? n * (n + 1) / 2 : n * n);
        for (int i = 0; i < n; i++) {
            for (int j = symmetric ? i : 0; j < n; j++) {
                pairings.add(new Pairing(pairings.size(), i, j, names.get(i), names.get(j)));
            }
        }
        return List.copyOf(pairings);
    }

    /** The count of {@link #roundRobin}, as a long so that huge rosters cannot overflow. */
    public static long count(int agents, boolean symmetric) {
        long n = agents;
        return symmetric ? n * (n + 1) / 2 : n * n;
    }

    @Override
    public String toString() {
        return name1 + " vs " + name2;
    }
}
