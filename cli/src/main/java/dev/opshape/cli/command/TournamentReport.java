package dev.opshape.cli.command;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.opshape.cli.output.CsvFiles;
import dev.opshape.cli.output.Manifest;
import dev.opshape.cli.output.NumberText;
import dev.opshape.cli.output.Report;
import dev.opshape.cli.output.TextTable;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.analysis.OutcomeLabel;
import dev.opshape.shaping.statistics.Interval;
import dev.opshape.shaping.tournament.Entrant;
import dev.opshape.shaping.tournament.PairingOutcome;
import dev.opshape.shaping.tournament.Pairing;
import dev.opshape.shaping.tournament.PairingCurves;
import dev.opshape.shaping.tournament.PayoffMatrix;
import dev.opshape.shaping.tournament.Ranking;
import dev.opshape.shaping.tournament.RunOutcome;
import dev.opshape.shaping.tournament.Standing;
import dev.opshape.shaping.tournament.TournamentAnalysis;
import dev.opshape.shaping.tournament.TournamentConfig;
import dev.opshape.shaping.tournament.TournamentResult;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The result of {@code opshape tournament}.
 *
 * @param manifest  what produced the document: version, command line (without --threads/--quiet), JVM; with the
 *                  seed and the configuration
 * @param config    the tournament's settings, seed included (written to JSON as manifest.configuration)
 * @param standings one row per agent, best first
 * @param matrix    the payoff matrix in roster order
 * @param pairings  one summary per pairing
 * @param analysis  the Axelrod-style analyses (scores, wins, cooperation, state distributions, good partners)
 */
@JsonPropertyOrder({"manifest", "standings", "matrix", "pairings", "analysis"})
public record TournamentReport(Manifest manifest, @JsonIgnore Config config, List<Row> standings, Matrix matrix,
                               List<PairingRow> pairings, Analysis analysis) implements Report {

    /** Schema name of the JSON document. */
    public static final String SCHEMA = "opshape-tournament/1";

    /** Columns of runs.csv. */
    public static final List<String> RUN_COLUMNS = List.of("sequence", "pairing", "player1", "player2",
            "repetition", "run", "avgReward1", "avgReward2", "pCoop1", "pCoop2", "label");

    /**
     * @param game        stage game name
     * @param gamma       discount (continuation probability)
     * @param horizon     moves, 0 = infinite
     * @param noise       trembling-hand noise (0 = none): payoffs are the noisy game's, cooperation the intended
     *                    frequency of action 0
     * @param agents      the roster's names (short names where given, otherwise the specs)
     * @param specs       each agent's spec as written
     * @param learners    each agent's rule with every parameter
     * @param steps       updates per run
     * @param repetitions repetitions of every pairing
     * @param runs        total runs
     * @param lr          outer step size
     * @param eta         default lookahead step
     * @param optimizer   sgd or adam
     * @param init        initial logits of learners
     * @param seed        master seed
     * @param rank        the statistic that ranks the standings: mean or median over repetitions
     * @param selfPlay    whether each agent's match against itself counts in its payoff and cooperation
     */
    public record Config(String game, double gamma, int horizon, double noise, List<String> agents,
                         List<String> specs, List<String> learners, int steps, int repetitions, int runs, double lr,
                         double eta, String optimizer, String init, long seed, String rank, boolean selfPlay) {
    }

    /**
     * @param agent             the agent's name
     * @param rank              1 = best (by the configuration's rank statistic)
     * @param mean              mean payoff (average reward per move) over opponents (self included or not, as
     *                          configured) and repetitions
     * @param ciLow             lower end of the 95% interval over repetitions (NaN for one repetition)
     * @param ciHigh            upper end
     * @param median            median over repetitions of the per-repetition payoff
     * @param wins              opponents against which its mean payoff exceeds theirs
     * @param matchWins         matches won over every repetition, self-play excluded (Axelrod's wins)
     * @param cooperation       mean frequency of action 0 (cooperate), as intended (before trembling-hand noise)
     * @param cooperatingRating Axelrod's cooperating rating (self-play excluded)
     * @param goodPartnerRating Axelrod's good partner rating
     * @param eigenjesus        Axelrod's eigenjesus rating (with or without the self-play diagonal, as configured)
     * @param eigenmoses        Axelrod's eigenmoses rating
     * @param runs              runs it took part in
     * @param labels            runs per outcome label
     */
    @JsonPropertyOrder({"agent", "rank", "mean", "ciLow", "ciHigh", "median", "wins", "matchWins", "cooperation",
        "cooperatingRating", "goodPartnerRating", "eigenjesus", "eigenmoses", "runs", "labels"})
    public record Row(String agent, int rank, double mean, double ciLow, double ciHigh, double median, int wins,
                      int matchWins, double cooperation, double cooperatingRating, double goodPartnerRating,
                      double eigenjesus, double eigenmoses, int runs, Map<String, Integer> labels) {
    }

    /**
     * Axelrod's result-set analyses, computed from exact outcomes (definitions in
     * {@link TournamentAnalysis}); arrays in roster order, repetitions in order.
     *
     * @param agents            the agents
     * @param normalisedScores  [agent][repetition] payoff per move, self-play included or not as configured
     * @param scores            [agent][repetition] expected total score against the others
     * @param wins              [agent][repetition] matches won
     * @param scoreDifference   [row][column] mean per-move payoff difference
     * @param cooperation       [row][column] mean frequency of cooperation, self-play on the diagonal
     * @param goodPartner       [row][column] repetitions in which the row agent cooperated at least as much
     * @param states            the joint outcomes, own action first (empty for a game that is not square)
     * @param stateDistribution [row][column][state] mean frequency of each joint outcome
     */
    public record Analysis(List<String> agents, double[][] normalisedScores, double[][] scores, int[][] wins,
                           double[][] scoreDifference, double[][] cooperation, int[][] goodPartner,
                           List<String> states, double[][][] stateDistribution) {
    }

    /**
     * @param agents agents in roster order (rows and columns)
     * @param mean   mean[i][j]: agent i's mean average reward per move against agent j
     * @param sd     standard deviation of that over repetitions
     */
    public record Matrix(List<String> agents, double[][] mean, double[][] sd) {
    }

    /**
     * @param player1 player 1's agent
     * @param player2 player 2's agent
     * @param reward1 player 1's mean average reward per move, with its 95% interval over repetitions
     * @param reward2 player 2's
     * @param pCoop1  player 1's mean frequency of action 0
     * @param pCoop2  player 2's
     * @param labels  repetitions per outcome label
     */
    @JsonPropertyOrder({"player1", "player2", "reward1", "reward2", "pCoop1", "pCoop2", "labels"})
    public record PairingRow(String player1, String player2, Interval reward1, Interval reward2, double pCoop1,
                             double pCoop2, Map<String, Integer> labels) {
    }

    /**
     * Builds the report.
     *
     * @param eta the lookahead step of entrants without their own {@code eta} (the command line's {@code --eta};
     *            the tournament's config does not hold it, its rules do)
     */
    public static TournamentReport of(Manifest manifest, TournamentResult result, double eta, Ranking ranking) {
        TournamentConfig c = result.config();
        IteratedGame game = c.game();
        List<String> agents = new ArrayList<>();
        List<String> specs = new ArrayList<>();
        List<String> learners = new ArrayList<>();
        for (Entrant e : c.roster()) {
            agents.add(e.name());
            specs.add(e.spec().text());
            learners.add(e.rule().describe());
        }
        Config config = new Config(game.game().name(), game.gamma(), game.horizon(), game.noise(), agents, specs,
                learners, c.steps(), c.repetitions(), c.runs(), c.lr(), eta,
                c.optimizer().name().toLowerCase(Locale.ROOT), c.init().toString(), c.seed(), ranking.by().display(),
                ranking.selfPlay());
        TournamentAnalysis a = result.analysis();
        double[] cooperating = a.cooperatingRating();
        double[] goodPartner = a.goodPartnerRating();
        double[] jesus = a.eigenjesus(ranking.selfPlay());
        double[] moses = a.eigenmoses(ranking.selfPlay());
        List<Row> rows = new ArrayList<>();
        for (Standing s : result.standings(ranking)) {
            int i = s.agent();
            rows.add(new Row(s.name(), s.rank(), s.payoff().mean(), s.payoff().lower(), s.payoff().upper(),
                    s.median(), s.wins(), s.matchWins(), s.cooperation(), cooperating[i], goodPartner[i], jesus[i],
                    moses[i], s.runs(), labels(s.labels())));
        }
        PayoffMatrix p = result.payoffs();
        double[][] mean = new double[p.size()][p.size()];
        double[][] sd = new double[p.size()][p.size()];
        for (int i = 0; i < p.size(); i++) {
            for (int j = 0; j < p.size(); j++) {
                mean[i][j] = p.mean(i, j);
                sd[i][j] = p.sd(i, j);
            }
        }
        List<PairingRow> pairings = new ArrayList<>();
        for (PairingOutcome o : result.pairings()) {
            pairings.add(new PairingRow(o.pairing().name1(), o.pairing().name2(), o.reward1().interval(),
                    o.reward2().interval(), o.pCoop1(), o.pCoop2(), labels(o.labels())));
        }
        double[][] normalised = new double[a.size()][];
        for (int i = 0; i < a.size(); i++) {
            normalised[i] = a.normalisedScores(i, ranking.selfPlay());
        }
        Analysis analysis = new Analysis(a.names(), normalised, a.scores(), a.wins(), a.scoreDifference(),
                a.cooperation(), a.goodPartner(), a.stateLabels(), a.stateDistribution());
        return new TournamentReport(manifest.withRun(c.seed(), config), config, rows, new Matrix(p.names(), mean, sd),
                pairings, analysis);
    }

    /** Non-zero label counts, by display name, in the label enum's order. */
    private static Map<String, Integer> labels(Map<OutcomeLabel, Integer> counts) {
        Map<String, Integer> map = new LinkedHashMap<>();
        counts.forEach((label, n) -> {
            if (n > 0) {
                map.put(label.display(), n);
            }
        });
        return map;
    }

    /** One runs.csv row for a streamed run. */
    static List<Object> runRow(TournamentConfig config, RunOutcome run) {
        return List.of(run.sequence(), run.pairing().index(), run.pairing().name1(), run.pairing().name2(),
                run.repetition(), run.run(), run.outcome().avgReward1(), run.outcome().avgReward2(),
                run.outcome().pCoop1(), run.outcome().pCoop2(), run.outcome().label().display());
    }

    @Override
    public void printText(PrintWriter out) {
        Config c = config;
        out.println(c.game() + " tournament: " + c.agents().size() + " agents, " + pairings.size() + " pairings x "
                + c.repetitions() + " repetitions = " + c.runs() + " runs of " + c.steps() + " updates ("
                + c.optimizer() + ", lr " + NumberText.format(c.lr()) + "), gamma " + NumberText.format(c.gamma())
                + (c.horizon() == 0 ? "" : ", " + c.horizon() + " moves")
                + (c.noise() == 0 ? "" : ", trembling-hand noise " + NumberText.format(c.noise()))
                + ", init " + c.init() + ", seed " + c.seed());
        out.println("payoff = exact average reward per move of the final policies, averaged over opponents (self "
                + (c.selfPlay() ? "included" : "excluded") + "); ranked by the " + c.rank() + " over repetitions; "
                + "95% CI over repetitions; won = matches won (self excluded)");
        TextTable table = new TextTable().right("rank").left("agent").right("mean").left("95% CI").right("median")
                .right("wins").right("won").right("coop").left("outcomes (runs)");
        for (Row r : standings) {
            table.row(Integer.toString(r.rank()), r.agent(), NumberText.format(r.mean()),
                    Double.isNaN(r.ciLow()) ? "-" : "[" + NumberText.format(r.ciLow()) + ", "
                            + NumberText.format(r.ciHigh()) + "]",
                    NumberText.format(r.median()), Integer.toString(r.wins()), Integer.toString(r.matchWins()),
                    String.format(Locale.ROOT, "%.2f", r.cooperation()), topLabels(r.labels()));
        }
        table.print(out, "");
        out.println();
        out.println("payoff matrix: row agent's mean average reward per move against the column agent");
        TextTable m = new TextTable().right("#").left("agent");
        for (int j = 0; j < matrix.agents().size(); j++) {
            m.right(Integer.toString(j + 1));
        }
        for (int i = 0; i < matrix.agents().size(); i++) {
            List<String> cells = new ArrayList<>();
            cells.add(Integer.toString(i + 1));
            cells.add(matrix.agents().get(i));
            for (int j = 0; j < matrix.agents().size(); j++) {
                cells.add(String.format(Locale.ROOT, "%.2f", shownToHundredths(matrix.mean()[i][j])));
            }
            m.row(cells.toArray(String[]::new));
        }
        m.print(out, "");
        out.println();
        out.println("ratings (Axelrod's): cooperating and good partner (self excluded), eigenjesus and eigenmoses");
        TextTable ratings = new TextTable().left("agent").right("cooperating").right("good partner")
                .right("eigenjesus").right("eigenmoses");
        for (Row r : standings) {
            ratings.row(r.agent(), String.format(Locale.ROOT, "%.3f", r.cooperatingRating()),
                    String.format(Locale.ROOT, "%.3f", r.goodPartnerRating()), fixed3(r.eigenjesus()),
                    fixed3(r.eigenmoses()));
        }
        ratings.print(out, "");
    }

    private static String fixed3(double value) {
        return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.3f", Math.abs(value) < 5e-4 ? 0 : value);
    }

    /** The most frequent labels, for example {@code tft-like 7, mutual-defection 2}. */
    private static String topLabels(Map<String, Integer> labels) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(labels.entrySet());
        entries.sort((a, b) -> b.getValue() - a.getValue());
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Integer> e : entries.subList(0, Math.min(3, entries.size()))) {
            parts.add(e.getKey() + " " + e.getValue());
        }
        return String.join(", ", parts);
    }

    /** Writes standings.csv, scores.csv, pairs.csv, pairings.csv and matrix.csv into the directory. */
    void writeCsv(Path dir) throws IOException {
        List<String> comments = manifest.commentLines();
        CsvFiles.write(dir.resolve("standings.csv"), comments, List.of("rank", "agent", "mean", "ciLow", "ciHigh",
                "median", "wins", "matchWins", "cooperation", "cooperatingRating", "goodPartnerRating", "eigenjesus",
                "eigenmoses", "runs"), printer -> {
                    for (Row r : standings) {
                        printer.printRecord(r.rank(), r.agent(), r.mean(), r.ciLow(), r.ciHigh(), r.median(),
                                r.wins(), r.matchWins(), r.cooperation(), r.cooperatingRating(),
                                r.goodPartnerRating(), r.eigenjesus(), r.eigenmoses(), r.runs());
                    }
                });
        CsvFiles.write(dir.resolve("scores.csv"), comments, List.of("agent", "repetition", "normalisedScore",
                "score", "wins"), printer -> {
                    for (int i = 0; i < analysis.agents().size(); i++) {
                        for (int r = 0; r < analysis.scores()[i].length; r++) {
                            printer.printRecord(analysis.agents().get(i), r, analysis.normalisedScores()[i][r],
                                    analysis.scores()[i][r], analysis.wins()[i][r]);
                        }
                    }
                });
        List<String> pairColumns = new ArrayList<>(List.of("row", "column", "cooperation", "scoreDifference",
                "goodPartner"));
        pairColumns.addAll(analysis.states());
        CsvFiles.write(dir.resolve("pairs.csv"), comments, pairColumns, printer -> {
            for (int i = 0; i < analysis.agents().size(); i++) {
                for (int j = 0; j < analysis.agents().size(); j++) {
                    List<Object> record = new ArrayList<>(List.of(analysis.agents().get(i), analysis.agents().get(j),
                            analysis.cooperation()[i][j], analysis.scoreDifference()[i][j],
                            analysis.goodPartner()[i][j]));
                    for (double f : analysis.stateDistribution()[i][j]) {
                        record.add(f);
                    }
                    printer.printRecord(record);
                }
            }
        });
        CsvFiles.write(dir.resolve("pairings.csv"), comments, List.of("player1", "player2", "reward1", "reward1Low",
                "reward1High", "reward2", "reward2Low", "reward2High", "pCoop1", "pCoop2"), printer -> {
                    for (PairingRow p : pairings) {
                        printer.printRecord(p.player1(), p.player2(), p.reward1().mean(), p.reward1().ciLow(),
                                p.reward1().ciHigh(), p.reward2().mean(), p.reward2().ciLow(), p.reward2().ciHigh(),
                                p.pCoop1(), p.pCoop2());
                    }
                });
        CsvFiles.write(dir.resolve("matrix.csv"), comments, List.of("row", "column", "mean", "sd"), printer -> {
            for (int i = 0; i < matrix.agents().size(); i++) {
                for (int j = 0; j < matrix.agents().size(); j++) {
                    printer.printRecord(matrix.agents().get(i), matrix.agents().get(j), matrix.mean()[i][j],
                            matrix.sd()[i][j]);
                }
            }
        });
    }

    /**
     * The value as shown with two decimals, with the sign of a round-off residue dropped: an exact payoff of 0
     * computed as -1e-17 would otherwise print as -0.00.
     */
    private static double shownToHundredths(double value) {
        return Math.abs(value) < 0.005 ? 0.0 : value;
    }

    /** The payoff matrix as a heatmap, rows and columns in roster order, values printed in the cells. */
    HeatMapChart heatmap() {
        return heatmap(config.game() + " tournament: row agent's payoff per move against the column agent",
                matrix.mean(), new Color[] {new Color(0xd73027), new Color(0xffffbf), new Color(0x1a9850)}, false);
    }

    /**
     * The standard deviation over repetitions of the row agent's payoff against the column agent (0 for a pairing of
     * fixed strategies; NaN, drawn as 0, for one repetition), as a heatmap beside the payoff heatmap.
     */
    HeatMapChart payoffSdHeatmap() {
        int n = matrix.agents().size();
        double[][] sd = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sd[i][j] = Double.isNaN(matrix.sd()[i][j]) ? 0.0 : matrix.sd()[i][j];
            }
        }
        return heatmap(config.game() + " tournament: sd over " + config.repetitions() + " repetitions of the row "
                + "agent's payoff per move", sd, new Color[] {new Color(0xf7f7f7), new Color(0xfdae61),
                    new Color(0xa50026)}, false);
    }

    /** The mean per-move score difference, row minus column (Axelrod's payoff_diffs_means), as a heatmap. */
    HeatMapChart scoreDifferenceHeatmap() {
        return heatmap(config.game() + " tournament: row's payoff per move minus the column's (mean over "
                + "repetitions)", analysis.scoreDifference(), new Color[] {new Color(0x2166ac), new Color(0xf7f7f7),
                    new Color(0xb2182b)}, true);
    }

    /** The row agent's frequency of cooperation against the column agent, as a heatmap on [0, 1]. */
    HeatMapChart cooperationHeatmap() {
        return heatmap(config.game() + " tournament: row agent's frequency of action 0 (cooperate) against the "
                + "column agent", analysis.cooperation(), new Color[] {new Color(0xf7fbff), new Color(0x6baed6),
                    new Color(0x08306b)}, false);
    }

    /**
     * A roster-order heatmap of the values with the numbers in the cells; {@code symmetric} centres the colour
     * range on 0 (for differences).
     */
    private HeatMapChart heatmap(String title, double[][] values, Color[] colours, boolean symmetric) {
        int n = matrix.agents().size();
        HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(640, 200 + 75 * n)).height(150 + 45 * n)
                .title(title).xAxisTitle("column agent").yAxisTitle("row agent").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setHeatMapValueDecimalPattern("0.00");
        chart.getStyler().setRangeColors(colours);
        chart.getStyler().setXAxisLabelRotation(45);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (symmetric) {
            max = Math.max(Math.abs(min), Math.abs(max));
            min = -max;
        }
        if (max - min < 0.02) {
            max += 0.01;
            min -= 0.01;
        }
        // A margin keeps every value strictly inside XChart's colour range (a value equal to its maximum indexes
        // past the gradient's last colour); rounded outward to hundredths so that the legend reads like the cells.
        chart.getStyler().setMin(Math.floor(min * 100 - 1e-6) / 100);
        chart.getStyler().setMax(Math.ceil(max * 100 + 1e-6) / 100);
        List<Number[]> cells = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // XChart draws y index 0 at the bottom: reverse so the first agent is the top row.
            rows.add(matrix.agents().get(n - 1 - i));
            for (int j = 0; j < n; j++) {
                cells.add(new Number[] {j, i, shownToHundredths(values[n - 1 - i][j])});
            }
        }
        chart.addSeries("value", matrix.agents(), rows, cells);
        return chart;
    }

    /**
     * The learning curves of roster agent {@code agent}: its exact average reward per move after every update,
     * averaged over repetitions, against each opponent (one line each; a line per role when the game is asymmetric).
     */
    XYChart curvesChart(TournamentConfig c, PairingCurves curves, int agent) {
        XYChart chart = new XYChartBuilder().width(1000).height(600)
                .title(config.game() + " tournament: " + matrix.agents().get(agent) + "'s payoff per move while "
                        + "learning, mean over " + config.repetitions() + " repetitions")
                .xAxisTitle("update").yAxisTitle("average reward per move").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(0);
        double[] updates = new double[c.steps() + 1];
        for (int u = 0; u < updates.length; u++) {
            updates[u] = u;
        }
        boolean symmetric = c.game().game().isSymmetric();
        for (Pairing p : c.pairings()) {
            for (int role = 0; role < 2; role++) {
                if (p.player(role) != agent || (p.selfPlay() && role == 1)) {
                    continue;
                }
                String opponent = matrix.agents().get(p.player(1 - role));
                String name = "vs " + opponent + (symmetric ? "" : " (as player " + (role + 1) + ")");
                chart.addSeries(name, updates, curves.mean(p, role)).setMarker(SeriesMarkers.NONE);
            }
        }
        return chart;
    }

    /**
     * Box plots of each agent's per-repetition payoff (normalised score), in rank order: the spread that the mean's
     * interval summarises (Axelrod's boxplot). A fixed pairing contributes the same value to every repetition.
     */
    BoxChart scoresBoxChart() {
        return boxChart("payoff per move in each repetition (" + (config.selfPlay() ? "self-play included"
                : "self-play excluded") + ")", "payoff per move", i -> analysis.normalisedScores()[i]);
    }

    /**
     * Violin plots of each agent's per-repetition payoff, in rank order: a Gaussian kernel density of the R values
     * (Silverman's bandwidth, 0.9 min(sd, IQR / 1.34) R^-1/5), mirrored around the agent's position and scaled so that
     * the widest violin is 0.8 wide; an agent whose repetitions agree (a fixed pairing) is a horizontal bar.
     */
    XYChart scoresViolinChart() {
        int n = standings.size();
        XYChart chart = new XYChartBuilder().width(Math.max(760, 160 + 45 * n)).height(560)
                .title(config.game() + " tournament: density of the payoff per move over " + config.repetitions()
                        + " repetitions (" + (config.selfPlay() ? "self-play included" : "self-play excluded") + ")")
                .xAxisTitle("rank").yAxisTitle("payoff per move").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setXAxisDecimalPattern("0");
        double[][] xs = new double[n][];
        double[][] ys = new double[n][];
        double widest = 0;
        int grid = 60;
        for (int rank = 0; rank < n; rank++) {
            double[] values = analysis.normalisedScores()[matrix.agents().indexOf(standings.get(rank).agent())];
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double lo = sorted[0];
            double hi = sorted[sorted.length - 1];
            double[] density = new double[grid];
            double[] at = new double[grid];
            double h = bandwidth(sorted);
            if (!(hi - lo > 1e-12) || !(h > 0)) {
                xs[rank] = new double[] {-0.3, 0.3};
                ys[rank] = new double[] {lo, lo};
                continue;
            }
            for (int g = 0; g < grid; g++) {
                at[g] = lo - 2 * h + (hi - lo + 4 * h) * g / (grid - 1);
                for (double v : sorted) {
                    double z = (at[g] - v) / h;
                    density[g] += Math.exp(-0.5 * z * z);
                }
                widest = Math.max(widest, density[g]);
            }
            xs[rank] = new double[2 * grid + 1];
            ys[rank] = new double[2 * grid + 1];
            for (int g = 0; g < grid; g++) {
                xs[rank][g] = density[g];
                ys[rank][g] = at[g];
                xs[rank][2 * grid - 1 - g] = -density[g];
                ys[rank][2 * grid - 1 - g] = at[g];
            }
            xs[rank][2 * grid] = xs[rank][0];
            ys[rank][2 * grid] = ys[rank][0];
        }
        for (int rank = 0; rank < n; rank++) {
            double[] x = xs[rank].clone();
            boolean bar = x.length == 2;
            for (int k = 0; k < x.length; k++) {
                x[k] = rank + 1 + (bar ? x[k] : 0.4 * x[k] / widest);
            }
            chart.addSeries((rank + 1) + ". " + standings.get(rank).agent(), x, ys[rank])
                    .setMarker(SeriesMarkers.NONE).setLineStyle(SeriesLines.SOLID);
        }
        return chart;
    }

    /** Silverman's rule of thumb for a Gaussian kernel over sorted values. */
    private static double bandwidth(double[] sorted) {
        int r = sorted.length;
        double mean = 0;
        for (double v : sorted) {
            mean += v;
        }
        mean /= r;
        double ss = 0;
        for (double v : sorted) {
            ss += (v - mean) * (v - mean);
        }
        double sd = r > 1 ? Math.sqrt(ss / (r - 1)) : 0;
        double iqr = sorted[(3 * (r - 1)) / 4] - sorted[(r - 1) / 4];
        double spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
        return 0.9 * spread * Math.pow(r, -0.2);
    }

    /** Box plots of the matches each agent won per repetition, in rank order (Axelrod's winplot). */
    BoxChart winsBoxChart() {
        return boxChart("matches won per repetition (self-play excluded)", "matches won", i -> {
            double[] wins = new double[analysis.wins()[i].length];
            for (int r = 0; r < wins.length; r++) {
                wins[r] = analysis.wins()[i][r];
            }
            return wins;
        });
    }

    private BoxChart boxChart(String what, String axis, IntFunction<double[]> values) {
        int n = standings.size();
        BoxChart chart = new BoxChartBuilder().width(Math.max(760, 120 + 55 * n)).height(560)
                .title(config.game() + " tournament: " + what + ", " + config.repetitions() + " repetitions")
                .yAxisTitle(axis).build();
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setLegendVisible(false);
        for (Row r : standings) {
            int i = matrix.agents().indexOf(r.agent());
            chart.addSeries(r.agent(), values.apply(i));
        }
        return chart;
    }

    /**
     * Mean payoff of each agent with its 95% interval, best first: points with error bars on a numeric x axis (the
     * rank), each agent its own series named in the legend (rank. name). XChart's category charts draw bars from
     * zero, which hides the differences, and it thins out rotated tick labels that would overlap; short names
     * (NAME=SPEC) keep the legend readable.
     */
    XYChart standingsChart() {
        int n = standings.size();
        XYChart chart = new XYChartBuilder().width(760 + 40 * n).height(560)
                .title(config.game() + " standings: mean payoff per move, 95% CI over " + config.repetitions()
                        + " repetitions, self-play " + (config.selfPlay() ? "included" : "excluded"))
                .xAxisTitle("rank").yAxisTitle("average reward per move").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(10);
        chart.getStyler().setErrorBarsColor(Color.BLACK);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisDecimalPattern("0");
        for (int i = 0; i < n; i++) {
            Row r = standings.get(i);
            double error = Double.isNaN(r.ciHigh()) ? 0.0 : r.ciHigh() - r.mean();
            chart.addSeries((i + 1) + ". " + r.agent(), new double[] {i + 1}, new double[] {r.mean()},
                    new double[] {error});
        }
        return chart;
    }
}
