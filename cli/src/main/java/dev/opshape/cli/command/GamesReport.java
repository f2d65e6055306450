package dev.opshape.cli.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opshape.cli.output.Manifest;
import dev.opshape.cli.output.NumberText;
import dev.opshape.cli.output.Report;
import dev.opshape.cli.output.TextTable;
import dev.opshape.games.DilemmaConditions;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.io.GameDocument;

import java.io.PrintWriter;
import java.util.List;

/**
 * The result of {@code opshape games}: each game in the JSON game format (so that {@code .games[i].game} can be
 * saved and passed back with {@code --game FILE}), with the properties read off its payoffs.
 *
 * @param manifest what produced the document
 * @param games    the games, in the order listed
 */
public record GamesReport(Manifest manifest, List<Entry> games) implements Report {

    /** Schema name of the JSON document. */
    public static final String SCHEMA = "opshape-games/1";

    /**
     * One game.
     *
     * @param game        the game, loadable as a game file
     * @param symmetric   whether agent 2's payoffs are agent 1's transposed
     * @param constantSum whether the two payoffs add to the same constant at every outcome (zero-sum up to a shift)
     * @param dilemma     the social-dilemma conditions
     */
    public record Entry(GameDocument game, boolean symmetric, boolean constantSum, Dilemma dilemma) {

        static Entry of(MatrixGame game) {
            return new Entry(GameDocument.of(game), game.isSymmetric(), game.isConstantSum(),
                    Dilemma.of(game.dilemma()));
        }
    }

    /**
     * The dilemma conditions of a symmetric 2x2 game (see {@link DilemmaConditions}); R, S, T, P are omitted for
     * other games.
     *
     * @param applicable whether the game is a symmetric 2x2 game
     * @param summary    for example {@code prisoner's dilemma (T>R>P>S, 2R>T+S)}
     * @param holding    the conditions that hold, for example {@code ["T>R>P>S", "2R>T+S"]}
     * @param r          reward, agent 1's payoff at (C, C)
     * @param s          sucker's payoff at (C, D)
     * @param t          temptation at (D, C)
     * @param p          punishment at (D, D)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dilemma(boolean applicable, String summary, List<String> holding,
                          @JsonProperty("R") Double r, @JsonProperty("S") Double s,
                          @JsonProperty("T") Double t, @JsonProperty("P") Double p) {

        static Dilemma of(DilemmaConditions d) {
            return d.applicable()
                    ? new Dilemma(true, d.summary(), d.holding(), d.reward(), d.sucker(), d.temptation(),
                    d.punishment())
                    : new Dilemma(false, d.summary(), d.holding(), null, null, null, null);
        }
    }

    /** The report of the given games. */
    public static GamesReport of(Manifest manifest, List<MatrixGame> games) {
        return new GamesReport(manifest, games.stream().map(Entry::of).toList());
    }

    @Override
    public void printText(PrintWriter out) {
        TextTable summary = new TextTable().left("game").left("actions").left("dilemma").left("description");
        for (Entry entry : games) {
            GameDocument g = entry.game();
            summary.row(g.name(), g.payoffs1().length + "x" + g.payoffs1()[0].length, entry.dilemma().summary(),
                    g.description());
        }
        summary.print(out, "");
        for (Entry entry : games) {
            out.println();
            printGame(out, entry);
        }
    }

    private static void printGame(PrintWriter out, Entry entry) {
        GameDocument g = entry.game();
        out.println(g.name() + ": " + (g.description().isEmpty() ? "(no description)" : g.description()));
        out.println("  source:  " + (g.source().isEmpty() ? "(none given)" : g.source()));
        out.println("  actions: agent 1 " + String.join("/", g.actions1()) + ", agent 2 "
                + String.join("/", g.actions2()) + (entry.symmetric() ? " (symmetric game)" : "")
                + (entry.constantSum() ? " (constant-sum)" : ""));
        Dilemma d = entry.dilemma();
        out.println("  dilemma: " + d.summary() + (d.applicable()
                ? "; R=" + NumberText.format(d.r()) + " S=" + NumberText.format(d.s()) + " T="
                + NumberText.format(d.t()) + " P=" + NumberText.format(d.p()) : ""));
        out.println("  payoffs (row: agent 1's action, column: agent 2's; each cell: agent 1's reward, agent 2's):");
        TextTable matrix = new TextTable().left("");
        for (String a2 : g.actions2()) {
            matrix.right(a2);
        }
        for (int a1 = 0; a1 < g.actions1().size(); a1++) {
            String[] cells = new String[1 + g.actions2().size()];
            cells[0] = g.actions1().get(a1);
            for (int a2 = 0; a2 < g.actions2().size(); a2++) {
                cells[1 + a2] = NumberText.format(g.payoffs1()[a1][a2]) + ", "
                        + NumberText.format(g.payoffs2()[a1][a2]);
            }
            matrix.row(cells);
        }
        matrix.print(out, "    ");
    }
}
