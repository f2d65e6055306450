package dev.opshape.cli.command;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.opshape.cli.output.ChartFiles;
import dev.opshape.cli.output.Manifest;
import dev.opshape.cli.output.Report;
import dev.opshape.cli.output.TextTable;
import org.apache.commons.math3.stat.StatUtils;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What {@code opshape curves} prints and plots (schema {@value CurvesCommand#SCHEMA}): per configuration the final
 * joint score, the mean correlation with the exact direction and the mean effective sample size, each the mean over
 * runs with its standard error (the sample standard deviation over runs / sqrt(runs)).
 *
 * @param manifest       tool, version, command line, JVM
 * @param last           updates averaged at the end of each run for the final score
 * @param configurations one per input file, in the order given
 * @param curves         the per-update values behind them (not in the JSON: the CSV files hold them)
 */
@JsonPropertyOrder({"manifest", "last", "configurations"})
public record CurvesReport(Manifest manifest, int last, List<Configuration> configurations,
                           @JsonIgnore List<Curves> curves) implements Report {

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    /**
     * One configuration's per-update values, [run][update], update 0 the start; corr and ess are null when its file
     * has no such columns, and NaN where undefined (update 0, an agent that samples or replays nothing).
     *
     * @param label the configuration's name
     * @param file  the file read
     * @param score joint score: the mean of both agents' average reward per move after each update
     * @param corr  the mean over agents of the Pearson correlation of the direction that made the update with the
     *              exact one
     * @param ess   the mean over agents of the effective sample size of the estimate behind the update
     */
    public record Curves(String label, String file, double[][] score, double[][] corr, double[][] ess) {
        int runs() {
            return score.length;
        }

        /** Updates per run. */
        public int updates() {
            return score[0].length - 1;
        }
    }

    /**
     * @param mean the mean over runs
     * @param se   its standard error (0 for one run)
     */
    public record Estimate(double mean, double se) {
        static Estimate of(double[] values) {
            double mean = StatUtils.mean(values);
            double se = values.length > 1 ? Math.sqrt(StatUtils.variance(values, mean) / values.length) : 0.0;
            return new Estimate(mean, se);
        }
    }

    /**
     * @param label       the configuration's name
     * @param file        the training CSV read
     * @param runs        runs in it
     * @param updates     updates per run
     * @param finalScore  per run the mean joint score over the last {@code last} updates, then mean and standard
     *                    error over runs
     * @param corr        per run the mean correlation with the exact direction over the updates where it is
     *                    defined, then over runs (absent without {@code --compare-exact}; 1 for an exact learner)
     * @param ess         per run the mean effective sample size over updates, then over runs (absent without replay)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"label", "file", "runs", "updates", "finalScore", "corr", "ess"})
    public record Configuration(String label, String file, int runs, int updates, Estimate finalScore,
                                Estimate corr, Estimate ess) {
    }

    /** Summarises the curves. */
    static CurvesReport of(Manifest manifest, List<Curves> curves, int last) {
        List<Configuration> configurations = new ArrayList<>();
        for (Curves c : curves) {
            double[] score = new double[c.runs()];
            double[] corr = new double[c.runs()];
            double[] ess = new double[c.runs()];
            for (int r = 0; r < c.runs(); r++) {
                for (int u = c.updates() - last + 1; u <= c.updates(); u++) {
                    score[r] += c.score()[r][u] / last;
                }
                corr[r] = c.corr() == null ? Double.NaN : definedMean(c.corr()[r], 1.0);
                ess[r] = c.ess() == null ? Double.NaN : definedMean(c.ess()[r], Double.NaN);
            }
            configurations.add(new Configuration(c.label(), c.file(), c.runs(), c.updates(), Estimate.of(score),
                    c.corr() == null ? null : Estimate.of(corr), c.ess() == null ? null : Estimate.of(ess)));
        }
        return new CurvesReport(manifest, last, List.copyOf(configurations), List.copyOf(curves));
    }

    /**
     * The mean of the values that are numbers; {@code none} if there are none (a learner compared with itself, an
     * exact one, agrees perfectly: 1).
     */
    private static double definedMean(double[] values, double none) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? none : sum / n;
    }

    @Override
    public void printText(PrintWriter out) {
        out.println("final score: mean joint average reward per move over the last " + last + " updates; corr: mean "
                + "correlation with the exact direction; ess: mean effective sample size; each mean (se) over runs");
        TextTable table = new TextTable().left("configuration").right("runs").right("updates").right("final score")
                .right("corr").right("ess");
        for (Configuration c : configurations) {
            table.row(c.label(), Integer.toString(c.runs()), Integer.toString(c.updates()), text(c.finalScore()),
                    c.corr() == null ? "-" : text(c.corr()), c.ess() == null ? "-" : text(c.ess()));
        }
        table.print(out, "");
    }

    private static String text(Estimate e) {
        // Four significant digits for the mean and two for its error: what the spread over runs supports.
        return Double.isNaN(e.mean()) ? "-" : String.format(Locale.ROOT, "%.4g (%.2g)", e.mean(), e.se());
    }

    /**
     * score.png, and corr.png and ess.png when some file has those columns.
     *
     * @param smooth the moving-average window in updates (1: none)
     */
    void writePlots(Path dir, int smooth) throws IOException {
        ChartFiles.save(chart("joint score", Curves::score, smooth),
                dir.resolve("score.png"));
        if (curves.stream().anyMatch(c -> c.corr() != null)) {
            ChartFiles.save(chart("correlation with the exact direction", Curves::corr, smooth),
                    dir.resolve("corr.png"));
        }
        if (curves.stream().anyMatch(c -> c.ess() != null)) {
            ChartFiles.save(chart("effective sample size", Curves::ess, smooth), dir.resolve("ess.png"));
        }
    }

    /** The trailing moving average over {@code window} entries (fewer at the start). */
    private static List<Double> smoothed(List<Double> values, int window) {
        List<Double> out = new ArrayList<>(values.size());
        double sum = 0;
        for (int i = 0; i < values.size(); i++) {
            sum += values.get(i);
            if (i >= window) {
                sum -= values.get(i - window);
            }
            out.add(sum / Math.min(i + 1, window));
        }
        return out;
    }

    /**
     * One line per configuration (the mean over runs) with a translucent band of one standard error, both as moving
     * averages over {@code smooth} updates.
     */
    private XYChart chart(String measure, Function<Curves, double[][]> values, int smooth) {
        XYChart chart = new XYChartBuilder().width(900).height(560).title(measure + " (mean over runs, band of 1 se"
                + (smooth > 1 ? ", " + smooth + "-update moving average" : "") + ")").xAxisTitle("update")
                .yAxisTitle(measure.equals("joint score") ? "joint average reward per move" : measure).build();
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.getStyler().setXAxisTickMarkSpacingHint(90);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        for (int i = 0; i < curves.size(); i++) {
            Curves c = curves.get(i);
            double[][] v = values.apply(c);
            if (v == null) {
                continue;
            }
            Color colour = PALETTE[i % PALETTE.length];
            List<Double> x = new ArrayList<>();
            List<Double> mean = new ArrayList<>();
            List<Double> low = new ArrayList<>();
            List<Double> high = new ArrayList<>();
            for (int u = 0; u <= c.updates(); u++) {
                double[] column = new double[c.runs()];
                int n = 0;
                for (double[] run : v) {
                    if (!Double.isNaN(run[u])) {
                        column[n++] = run[u];
                    }
                }
                if (n == 0) {
                    continue;
                }
                Estimate e = Estimate.of(Arrays.copyOf(column, n));
                x.add((double) u);
                mean.add(e.mean());
                low.add(e.mean() - e.se());
                high.add(e.mean() + e.se());
            }
            if (x.isEmpty()) {
                continue;
            }
            mean = smoothed(mean, smooth);
            low = smoothed(low, smooth);
            high = smoothed(high, smooth);
            List<Double> bandX = new ArrayList<>(x);
            List<Double> bandY = new ArrayList<>(high);
            for (int k = x.size() - 1; k >= 0; k--) {
                bandX.add(x.get(k));
                bandY.add(low.get(k));
            }
            XYSeries band = chart.addSeries(c.label() + " band", bandX, bandY);
            band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            band.setFillColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 60));
            band.setLineColor(new Color(0, 0, 0, 0));
            band.setMarker(SeriesMarkers.NONE);
            band.setShowInLegend(false);
            XYSeries line = chart.addSeries(c.label(), x, mean);
            line.setLineColor(colour);
            line.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }
}
