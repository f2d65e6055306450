package dev.opshape.games;

import java.util.ArrayList;
import java.util.List;

/**
 * The classic social-dilemma conditions of a symmetric 2 x 2 game, read from agent 1's payoffs with action 0 as
 * cooperate: R = u(C,C) reward, S = u(C,D) sucker, T = u(D,C) temptation, P = u(D,D) punishment.
 *
 * <ul>
 *   <li>{@code prisonersDilemma}: T &gt; R &gt; P &gt; S (Rapoport and Chammah 1965);</li>
 *   <li>{@code mutualCooperationBeatsAlternation}: 2R &gt; T + S, so taking turns exploiting each other pays less
 *       than mutual cooperation in the iterated game (Axelrod 1984);</li>
 *   <li>{@code stagHunt}: R &gt; T &gt;= P &gt; S (Skyrms 2004);</li>
 *   <li>{@code chicken}: T &gt; R &gt; S &gt; P (snowdrift / hawk-dove ordering).</li>
 * </ul>
 * For a game that is not a symmetric 2 x 2 game none of these apply and {@link #applicable()} is false.
 *
 * @param applicable whether the game is a symmetric 2 x 2 game (otherwise the other fields are NaN / false)
 */
public record DilemmaConditions(boolean applicable, double reward, double sucker, double temptation,
                                double punishment, boolean prisonersDilemma,
                                boolean mutualCooperationBeatsAlternation, boolean stagHunt, boolean chicken) {

    /** Reads the conditions off a game. */
    public static DilemmaConditions of(MatrixGame game) {
        if (game.rows() != 2 || game.columns() != 2 || !game.isSymmetric()) {
            return new DilemmaConditions(false, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    false, false, false, false);
        }
        double r = game.payoff(0, 0, 0);
        double s = game.payoff(0, 0, 1);
        double t = game.payoff(0, 1, 0);
        double p = game.payoff(0, 1, 1);
        return new DilemmaConditions(true, r, s, t, p,
                t > r && r > p && p > s,
                2 * r > t + s,
                r > t && t >= p && p > s,
                t > r && r > s && s > p);
    }

    /** The names of the conditions that hold, for example {@code ["T>R>P>S", "2R>T+S"]}. */
    public List<String> holding() {
        List<String> names = new ArrayList<>();
        if (prisonersDilemma) {
            names.add("T>R>P>S");
        }
        if (mutualCooperationBeatsAlternation) {
            names.add("2R>T+S");
        }
        if (stagHunt) {
            names.add("R>T>=P>S");
        }
        if (chicken) {
            names.add("T>R>S>P");
        }
        return names;
    }

    /** A one-line human summary, for example {@code prisoner's dilemma (T>R>P>S, 2R>T+S)}. */
    public String summary() {
        if (!applicable) {
            return "not a symmetric 2x2 game";
        }
        String kind = prisonersDilemma ? "prisoner's dilemma"
                : stagHunt ? "stag hunt"
                : chicken ? "chicken"
                : "no classic dilemma ordering";
        List<String> holding = holding();
        return holding.isEmpty() ? kind : kind + " (" + String.join(", ", holding) + ")";
    }
}
