package dev.opshape.cli.command;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.opshape.cli.output.CsvFiles;
import dev.opshape.cli.output.Manifest;
import dev.opshape.cli.output.NumberText;
import dev.opshape.cli.output.Report;
import dev.opshape.cli.output.TextTable;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.analysis.PolicyOutcome;
import dev.opshape.shaping.training.DirectionAgreement;
import dev.opshape.shaping.training.EffectiveSampleSizes;
import dev.opshape.shaping.training.RunResult;
import dev.opshape.shaping.training.TrainingConfig;
import dev.opshape.shaping.training.TrainingCurve;
import dev.opshape.shaping.training.TrainingResult;
import dev.opshape.tabular.catalog.ComponentSpec;
import org.apache.commons.math3.stat.StatUtils;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of {@code opshape train}.
 *
 * @param manifest what produced the document (version, command line); with the seed and the configuration
 * @param config   the experiment's settings, seed included (written to JSON as manifest.configuration)
 * @param runs     every run's final policies and outcome
 * @param summary  mean and sd over runs of the final average rewards and cooperation, and the outcome labels
 */
@JsonPropertyOrder({"manifest", "runs", "summary"})
public record TrainReport(Manifest manifest, @JsonIgnore Config config, List<Run> runs, Summary summary)
        implements Report {

    /** Schema name of the JSON document. */
    public static final String SCHEMA = "opshape-train/1";

    /** Most runs listed one per line in the text report. */
    private static final int TEXT_RUNS = 20;

    /**
     * @param game      stage game name
     * @param gamma     discount
     * @param horizon   moves (0 = infinite)
     * @param noise     trembling-hand noise (0 = none)
     * @param agent1    agent 1's spec as given
     * @param agent2    agent 2's spec as given
     * @param learner1  agent 1's rule with every parameter
     * @param learner2  agent 2's rule with every parameter
     * @param steps     updates per run
     * @param lr        outer step size
     * @param eta       default lookahead step
     * @param optimizer sgd or adam
     * @param init      initial logits of learners without a given start
     * @param runs      number of runs
     * @param seed      master seed; run r's streams are keyed by (seed, r)
     */
    public record Config(String game, double gamma, int horizon, double noise, String agent1, String agent2,
                         String learner1, String learner2, int steps, double lr, double eta, String optimizer,
                         String init, int runs, long seed) {
    }

    /**
     * @param run       run index r
     * @param seed      the master seed (the run's streams are keyed by (seed, run))
     * @param final_    the final policies and their exact outcome
     * @param agreement with {@code --compare-exact}: per update, the Pearson correlation and cosine of each sampled
     *                  learner's direction with its exact counterpart's (NaN for an agent that samples nothing);
     *                  absent otherwise
     * @param effectiveSampleSize when an agent replays samples ({@code offpolicy=}): per update, the effective sample
     *                  size of each agent's last lookahead estimate ({@code ess1}, {@code ess2}; NaN for an agent
     *                  that replays nothing); absent otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Run(int run, long seed, @com.fasterxml.jackson.annotation.JsonProperty("final") Final final_,
                      DirectionAgreement agreement, EffectiveSampleSizes effectiveSampleSize) {
    }

    /**
     * @param avgReward1 agent 1's exact average reward per move
     * @param avgReward2 agent 2's
     * @param pCoop1     agent 1's discounted frequency of action 0 (cooperate)
     * @param pCoop2     agent 2's
     * @param theta1     agent 1's final logits
     * @param theta2     agent 2's final logits
     * @param policy1    agent 1's probability of action 0 by own-view state
     * @param policy2    agent 2's
     * @param label      the outcome label
     */
    @JsonPropertyOrder({"avgReward1", "avgReward2", "pCoop1", "pCoop2", "theta1", "theta2", "policy1", "policy2",
            "label"})
    public record Final(double avgReward1, double avgReward2, double pCoop1, double pCoop2, double[] theta1,
                        double[] theta2, Map<String, Double> policy1, Map<String, Double> policy2, String label) {
    }

    /**
     * @param mean mean over runs
     * @param sd   sample standard deviation over runs (0 for one run)
     */
    public record Stat(double mean, double sd) {
        static Stat of(double[] values) {
            return new Stat(StatUtils.mean(values), values.length > 1 ? Math.sqrt(StatUtils.variance(values)) : 0.0);
        }
    }

    /**
     * @param avgReward1 final average reward of agent 1 over runs
     * @param avgReward2 of agent 2
     * @param pCoop1     final cooperation frequency of agent 1 over runs
     * @param pCoop2     of agent 2
     * @param labels     number of runs per outcome label
     * @param agreement  with {@code --compare-exact}, the mean agreement with the exact directions
     * @param effectiveSampleSize with replay, the mean effective sample size
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(Stat avgReward1, Stat avgReward2, Stat pCoop1, Stat pCoop2, Map<String, Integer> labels,
                          Agreement agreement, Effective effectiveSampleSize) {
    }

    /**
     * When an agent replays samples: the mean over updates and runs of each agent's effective sample size (NaN for
     * an agent that replays nothing).
     *
     * @param ess1 agent 1's
     * @param ess2 agent 2's
     */
    public record Effective(double ess1, double ess2) {
        static Effective of(List<RunResult> runs) {
            double[] mean = new double[2];
            for (int agent = 0; agent < 2; agent++) {
                for (RunResult r : runs) {
                    mean[agent] += r.effectiveSampleSizes().mean(agent) / runs.size();
                }
            }
            return new Effective(mean[0], mean[1]);
        }
    }

    /**
     * With {@code --compare-exact}: the mean over updates and runs of each agent's correlation and cosine with its
     * exact direction (updates where it is undefined left out; NaN for an agent that samples nothing).
     *
     * @param corr1   agent 1's mean Pearson correlation
     * @param corr2   agent 2's
     * @param cosine1 agent 1's mean cosine
     * @param cosine2 agent 2's
     */
    public record Agreement(double corr1, double corr2, double cosine1, double cosine2) {
        static Agreement of(List<RunResult> runs) {
            double[] mean = new double[4];
            for (int q = 0; q < 4; q++) {
                double sum = 0;
                int n = 0;
                for (RunResult r : runs) {
                    for (int u = 0; u < r.agreement().corr1().length; u++) {
                        double v = q < 2 ? r.agreement().corr(q, u) : r.agreement().cosine(q - 2, u);
                        if (!Double.isNaN(v)) {
                            sum += v;
                            n++;
                        }
                    }
                }
                mean[q] = n == 0 ? Double.NaN : sum / n;
            }
            return new Agreement(mean[0], mean[1], mean[2], mean[3]);
        }
    }

    /** Builds the report from a finished experiment. */
    public static TrainReport of(Manifest manifest, ComponentSpec agent1, ComponentSpec agent2, double eta,
                                 TrainingResult result) {
        TrainingConfig c = result.config();
        IteratedGame game = c.game();
        Config config = new Config(game.game().name(), game.gamma(), game.horizon(), game.noise(), agent1.text(),
                agent2.text(), c.agent1().describe(), c.agent2().describe(), c.steps(), c.lr(), eta,
                c.optimizer().name().toLowerCase(Locale.ROOT), c.init().toString(), c.runs(), c.seed());
        List<Run> runs = new ArrayList<>();
        int n = result.runs().size();
        double[][] stats = new double[4][n];
        Map<String, Integer> labels = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            RunResult r = result.runs().get(i);
            PolicyOutcome o = r.outcome();
            runs.add(new Run(r.run(), c.seed(), new Final(o.avgReward1(), o.avgReward2(), o.pCoop1(), o.pCoop2(),
                    r.theta1(), r.theta2(), byState(game, 0, o.policy1()), byState(game, 1, o.policy2()),
                    o.label().display()), r.agreement(), r.effectiveSampleSizes()));
            stats[0][i] = o.avgReward1();
            stats[1][i] = o.avgReward2();
            stats[2][i] = o.pCoop1();
            stats[3][i] = o.pCoop2();
            labels.merge(o.label().display(), 1, Integer::sum);
        }
        return new TrainReport(manifest.withRun(c.seed(), config), config, runs, new Summary(Stat.of(stats[0]),
                Stat.of(stats[1]), Stat.of(stats[2]), Stat.of(stats[3]), labels,
                result.runs().get(0).agreement() == null ? null : Agreement.of(result.runs()),
                result.runs().get(0).effectiveSampleSizes() == null ? null : Effective.of(result.runs())));
    }

    private static Map<String, Double> byState(IteratedGame game, int agent, double[] p) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int s = 0; s < p.length; s++) {
            map.put(game.policyLayout(agent).stateLabel(s), p[s]);
        }
        return map;
    }

    @Override
    public void printText(PrintWriter out) {
        Config c = config;
        out.println(c.game() + ", gamma " + NumberText.format(c.gamma()) + ", "
                + (c.horizon() == 0 ? "infinite horizon" : c.horizon() + " moves")
                + (c.noise() == 0 ? "" : ", trembling-hand noise " + NumberText.format(c.noise())) + "; " + c.steps()
                + " updates of "
                + c.optimizer() + " (lr " + NumberText.format(c.lr()) + "), init " + c.init() + ", " + c.runs()
                + (c.runs() == 1 ? " run" : " runs") + ", seed " + c.seed());
        out.println("agent 1: " + c.learner1());
        out.println("agent 2: " + c.learner2());
        out.println("final average reward per move: agent 1 " + stat(summary.avgReward1()) + ", agent 2 "
                + stat(summary.avgReward2()));
        out.println("final cooperation frequency:   agent 1 " + stat(summary.pCoop1()) + ", agent 2 "
                + stat(summary.pCoop2()));
        StringBuilder labels = new StringBuilder("outcomes: ");
        summary.labels().forEach((label, count) -> labels.append(label).append(' ').append(count).append("  "));
        out.println(labels.toString().strip());
        if (summary.agreement() != null) {
            Agreement a = summary.agreement();
            out.println("agreement with the exact direction (mean over updates and runs): corr agent 1 "
                    + NumberText.format(a.corr1()) + ", agent 2 " + NumberText.format(a.corr2()) + "; cosine agent 1 "
                    + NumberText.format(a.cosine1()) + ", agent 2 " + NumberText.format(a.cosine2()));
        }
        if (summary.effectiveSampleSize() != null) {
            Effective e = summary.effectiveSampleSize();
            out.println("replay buffer's effective sample size (mean over updates and runs): agent 1 "
                    + NumberText.format(e.ess1()) + ", agent 2 " + NumberText.format(e.ess2()));
        }
        TextTable table = new TextTable().right("run").right("avgReward1").right("avgReward2").right("pCoop1")
                .right("pCoop2").left("label").left("p(C) agent 1").left("p(C) agent 2");
        for (Run r : runs.subList(0, Math.min(runs.size(), TEXT_RUNS))) {
            Final f = r.final_();
            table.row(Integer.toString(r.run()), NumberText.format(f.avgReward1()), NumberText.format(f.avgReward2()),
                    NumberText.format(f.pCoop1()), NumberText.format(f.pCoop2()), f.label(), policy(f.policy1()),
                    policy(f.policy2()));
        }
        table.print(out, "");
        if (runs.size() > TEXT_RUNS) {
            out.println("... " + (runs.size() - TEXT_RUNS) + " more runs (see --json)");
        }
    }

    private static String stat(Stat s) {
        return NumberText.format(s.mean()) + " (sd " + NumberText.format(s.sd()) + ")";
    }

    /** For example {@code start 1 CC 0.99 CD 0.01 ...}. */
    private static String policy(Map<String, Double> p) {
        StringBuilder sb = new StringBuilder();
        p.forEach((state, prob) -> sb.append(state).append(' ')
                .append(String.format(Locale.ROOT, "%.2f", prob)).append(' '));
        return sb.toString().strip();
    }

    /**
     * Writes one row per run and recorded update: run, update, avgReward1, avgReward2, pCoop1, pCoop2, and with
     * {@code --compare-exact} corr1, corr2, cosine1, cosine2 of the direction that made this update, and when an agent
     * replays samples ess1, ess2, the effective sample sizes behind it (both empty in the row of update 0, the
     * start).
     */
    void writeCurves(Path file, TrainingResult result) throws IOException {
        boolean compared = result.runs().get(0).agreement() != null;
        boolean replayed = result.runs().get(0).effectiveSampleSizes() != null;
        List<String> header = new ArrayList<>(List.of("run", "update", "avgReward1", "avgReward2", "pCoop1",
                "pCoop2"));
        if (compared) {
            header.addAll(List.of("corr1", "corr2", "cosine1", "cosine2"));
        }
        if (replayed) {
            header.addAll(List.of("ess1", "ess2"));
        }
        CsvFiles.write(file, manifest.commentLines(), header, printer -> {
            for (RunResult r : result.runs()) {
                TrainingCurve curve = r.curve();
                DirectionAgreement a = r.agreement();
                for (int u = 0; u < curve.length(); u++) {
                    List<Object> row = new ArrayList<>(List.of(r.run(), u, curve.avgReward1()[u],
                            curve.avgReward2()[u], curve.pCoop1()[u], curve.pCoop2()[u]));
                    if (compared) {
                        if (u == 0) {
                            row.addAll(List.of("", "", "", ""));
                        } else {
                            row.addAll(List.of(a.corr(0, u - 1), a.corr(1, u - 1), a.cosine(0, u - 1),
                                    a.cosine(1, u - 1)));
                        }
                    }
                    if (replayed) {
                        EffectiveSampleSizes e = r.effectiveSampleSizes();
                        row.addAll(u == 0 ? List.of("", "") : List.of(e.ess(0, u - 1), e.ess(1, u - 1)));
                    }
                    printer.printRecord(row);
                }
            }
        });
    }

    /**
     * The learning curves: mean over runs of each agent's average reward per move against the update (thick), and
     * each run's curves (thin) when there are at most 20 runs.
     */
    XYChart chart(TrainingResult result) {
        XYChart chart = new XYChartBuilder().width(900).height(560)
                .title(config.game() + ": " + config.agent1() + " vs " + config.agent2() + " (" + config.runs()
                        + (config.runs() == 1 ? " run)" : " runs)"))
                .xAxisTitle("update").yAxisTitle("average reward per move").build();
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setXAxisTickMarkSpacingHint(90);
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        int points = config.steps() + 1;
        double[] x = new double[points];
        for (int u = 0; u < points; u++) {
            x[u] = u;
        }
        Color[] colours = {new Color(0x1f77b4), new Color(0xd62728)};
        boolean thin = result.runs().size() <= 20 && result.runs().size() > 1;
        for (int agent = 0; agent < 2; agent++) {
            double[] mean = new double[points];
            for (RunResult r : result.runs()) {
                for (int u = 0; u < points; u++) {
                    mean[u] += r.curve().avgReward(agent, u) / result.runs().size();
                }
            }
            if (thin) {
                for (RunResult r : result.runs()) {
                    double[] y = new double[points];
                    for (int u = 0; u < points; u++) {
                        y[u] = r.curve().avgReward(agent, u);
                    }
                    XYSeries s = chart.addSeries("agent " + (agent + 1) + " run " + r.run(), x, y);
                    s.setMarker(SeriesMarkers.NONE);
                    s.setLineColor(new Color(colours[agent].getRed(), colours[agent].getGreen(),
                            colours[agent].getBlue(), 70));
                    s.setLineStyle(new BasicStroke(1f));
                    s.setShowInLegend(false);
                }
            }
            XYSeries s = chart.addSeries("agent " + (agent + 1) + (result.runs().size() > 1 ? " (mean)" : ""), x,
                    mean);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(colours[agent]);
            s.setLineStyle(new BasicStroke(2.5f));
        }
        return chart;
    }
}
