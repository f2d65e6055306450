package dev.opshape.cli.command;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.opshape.cli.output.ChartFiles;
import dev.opshape.cli.output.CsvFiles;
import dev.opshape.cli.output.Manifest;
import dev.opshape.cli.output.NumberText;
import dev.opshape.cli.output.Report;
import dev.opshape.cli.output.TextTable;
import dev.opshape.shaping.bias.BiasConfiguration;
import dev.opshape.shaping.bias.BiasRow;
import dev.opshape.shaping.bias.BiasStudyConfig;
import dev.opshape.shaping.bias.BiasStudyResult;
import dev.opshape.shaping.bias.CompositionalTheory;
import dev.opshape.shaping.bias.EstimatorBias;
import dev.opshape.shaping.bias.StudyPoint;
import dev.opshape.shaping.statistics.Interval;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.knowm.xchart.style.Styler;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The result of {@code opshape bias}.
 *
 * @param manifest      what produced the document; with the seed and the configuration
 * @param config        game, horizon, agent, samples, seed and the study points (written to JSON as
 *                      manifest.configuration)
 * @param rows          one per configuration and point, with the exact and mean meta-gradients
 * @param summary       one per configuration, each metric summarised over the points
 * @param decomposition with --decompose: per estimator, K, eta and batch, the bias left when the inner steps are
 *                      exact (Hessian bias), when the Hessian products are exact (compositional bias), and the rest
 */
@JsonPropertyOrder({"manifest", "rows", "summary", "decomposition"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BiasReport(Manifest manifest, @JsonIgnore Config config, List<Row> rows, List<Summary> summary,
                         List<Decomposition> decomposition) implements Report {

    /** Schema name of the JSON document. */
    public static final String SCHEMA = "opshape-bias/1";

    /** Series (bias and sd lines) per panel: beyond it a plot is split into panels by K, then by eta. */
    private static final int MAX_LINES_PER_PANEL = 4;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    /**
     * What one configuration is, as the command built it.
     *
     * @param estimator the estimator spec as given
     * @param variant   empty, or which part --decompose made exact ("inner exact", "hessian exact")
     * @param k         lookahead steps
     * @param eta       lookahead step size
     * @param batch     batch size of the sampled parts without their own
     * @param learner   the sampled rule with every parameter
     */
    public record Setting(String estimator, String variant, int k, double eta, int batch, String learner) {
        String label() {
            return variant.isEmpty() ? estimator : estimator + " (" + variant + ")";
        }
    }

    /**
     * @param game    stage game
     * @param gamma   discount
     * @param horizon T, the moves of the sampled trajectories and of the exact values compared with
     * @param noise   trembling-hand noise (0 = none)
     * @param agent   the learning agent (1 or 2)
     * @param samples estimates per configuration and point
     * @param seed    master seed
     * @param points  the study points
     */
    public record Config(String game, double gamma, int horizon, double noise, int agent, int samples, long seed,
                         List<StudyPoint> points) {
    }

    /**
     * @param estimator     the estimator spec
     * @param variant       the --decompose variant, or empty
     * @param k             lookahead steps
     * @param eta           lookahead step size
     * @param batch         batch size
     * @param learner       the sampled rule
     * @param point         index into config.points
     * @param exact         the exact meta-gradient
     * @param mean          the mean of the estimates
     * @param bias          mean - exact per component, with 95% intervals
     * @param biasNorm      |mean - exact|
     * @param relativeBias  |mean - exact| / |exact|
     * @param squaredBias   |mean - exact|^2 - tr(Cov)/N (noise-corrected)
     * @param variance      tr(Cov)
     * @param mse           mean squared error of one estimate
     * @param cosine        mean cosine similarity with the exact meta-gradient
     * @param corr          mean Pearson correlation with it (the seed paper's measure)
     * @param signAgreement mean fraction of components with the exact sign
     * @param samples       N
     * @param effectiveSampleSize with a replay buffer: the mean over the estimates of the effective sample size
     *                      (sum w)^2 / sum w^2 of the last lookahead step's importance weights; absent otherwise
     * @param theory        with {@code --theory}: the compositional bias's bound and prediction (absent for K = 0 and
     *                      replayed lookaheads)
     */
    @JsonPropertyOrder({"estimator", "variant", "k", "eta", "batch", "learner", "point", "exact", "mean", "bias",
            "biasNorm", "relativeBias", "squaredBias", "variance", "mse", "cosine", "corr", "signAgreement",
            "samples", "effectiveSampleSize", "theory"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(String estimator, String variant, int k, double eta, int batch, String learner, int point,
                      double[] exact, double[] mean, List<Interval> bias, Interval biasNorm, Interval relativeBias,
                      Interval squaredBias, Interval variance, Interval mse, Interval cosine, Interval corr,
                      Interval signAgreement, int samples, Double effectiveSampleSize, Theory theory) {
    }

    /**
     * The theory beside a row's measurement (docs/estimators.md#theory).
     *
     * @param bound      first-order bound on |bias|: sum_k L_k sigma_k
     * @param prediction |predicted bias|, the second-order delta-method prediction of the compositional bias
     * @param sigmaIn    the largest sqrt(tr Cov) of a lookahead step's sampled gradient
     * @param c2         the largest spectral norm of the opponent's Hessian along the exact lookahead
     * @param lipschitz  the spectral norm of the derivative of the direction in the looked-ahead point
     */
    @JsonPropertyOrder({"bound", "prediction", "sigmaIn", "c2", "lipschitz"})
    public record Theory(double bound, double prediction, double sigmaIn, double c2, double lipschitz) {
        static Theory of(CompositionalTheory.Theory t) {
            return t == null ? null : new Theory(t.bound(), t.prediction(), t.sigmaIn(), t.c2(), t.lipschitz());
        }
    }

    /**
     * A configuration's metrics over all points (one point: its values; several: their mean with a t interval over
     * points).
     */
    @JsonPropertyOrder({"estimator", "variant", "k", "eta", "batch", "biasNorm", "relativeBias", "squaredBias",
            "variance", "mse", "cosine", "corr", "signAgreement", "bound", "prediction"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(String estimator, String variant, int k, double eta, int batch, Interval biasNorm,
                          Interval relativeBias, Interval squaredBias, Interval variance, Interval mse,
                          Interval cosine, Interval corr, Interval signAgreement, Double bound, Double prediction) {
    }

    /**
     * The seed paper's ablation at one setting, as noise-corrected squared biases (averaged over points):
     * {@code total} with every part sampled, {@code hessian} with the inner steps exact (the multi-step Hessian bias
     * is what remains), {@code compositional} with the Hessian products exact (the compositional bias remains), and
     * {@code interaction} = total - compositional - hessian (twice the inner product of the two bias vectors, plus
     * noise).
     */
    @JsonPropertyOrder({"estimator", "k", "eta", "batch", "total", "compositional", "hessian", "interaction"})
    public record Decomposition(String estimator, int k, double eta, int batch, Interval total,
                                Interval compositional, Interval hessian, double interaction) {
    }

    /** Builds the report. */
    public static BiasReport of(Manifest manifest, BiasStudyResult result, boolean decompose) {
        BiasStudyConfig c = result.config();
        List<Setting> settings = new ArrayList<>();
        for (BiasConfiguration b : c.configurations()) {
            settings.add(new Setting(b.estimator(), b.variant(), b.k(), b.eta(), b.batch(), b.estimated().describe()));
        }
        Config config = new Config(c.game().game().name(), c.game().gamma(), c.game().horizon(), c.game().noise(),
                c.agent() + 1,
                c.samples(), c.seed(), c.points());
        List<Row> rows = new ArrayList<>();
        for (BiasRow r : result.rows()) {
            Setting s = settings.get(r.configuration());
            EstimatorBias b = r.bias();
            rows.add(new Row(s.estimator(), s.variant(), s.k(), s.eta(), s.batch(), s.learner(), r.point(),
                    b.exact(), b.mean(), List.of(b.bias()), b.biasNorm(), b.relativeBias(), b.squaredBias(),
                    b.variance(), b.mse(), b.cosine(), b.corr(), b.signAgreement(), b.samples(),
                    Double.isNaN(r.effectiveSampleSize()) ? null : r.effectiveSampleSize(), Theory.of(r.theory())));
        }
        List<Summary> summary = new ArrayList<>();
        for (int i = 0; i < settings.size(); i++) {
            Setting s = settings.get(i);
            summary.add(new Summary(s.estimator(), s.variant(), s.k(), s.eta(), s.batch(),
                    result.summary(i, EstimatorBias::biasNorm), result.summary(i, EstimatorBias::relativeBias),
                    result.summary(i, EstimatorBias::squaredBias), result.summary(i, EstimatorBias::variance),
                    result.summary(i, EstimatorBias::mse), result.summary(i, EstimatorBias::cosine),
                    result.summary(i, EstimatorBias::corr), result.summary(i, EstimatorBias::signAgreement),
                    theoryMean(rows, i, settings.size(), Theory::bound),
                    theoryMean(rows, i, settings.size(), Theory::prediction)));
        }
        List<Decomposition> decomposition = decompose ? decomposition(settings, result) : null;
        return new BiasReport(manifest.withRun(c.seed(), config), config, rows, summary, decomposition);
    }

    /**
     * The mean over points of a theory column of configuration i (rows are point-major, {@code configurations} per
     * point), or null when its rows have no theory.
     */
    private static Double theoryMean(List<Row> rows, int configuration, int configurations,
                                     ToDoubleFunction<Theory> column) {
        double sum = 0;
        int n = 0;
        for (int r = configuration; r < rows.size(); r += configurations) {
            Theory t = rows.get(r).theory();
            if (t == null) {
                return null;
            }
            sum += column.applyAsDouble(t);
            n++;
        }
        return n == 0 ? null : sum / n;
    }

    /** With --decompose, configurations come in threes: all sampled, inner exact, hessian exact. */
    private static List<Decomposition> decomposition(List<Setting> settings, BiasStudyResult result) {
        List<Decomposition> list = new ArrayList<>();
        for (int i = 0; i + 2 < settings.size(); i += 3) {
            Setting s = settings.get(i);
            Interval total = result.summary(i, EstimatorBias::squaredBias);
            Interval hessian = result.summary(i + 1, EstimatorBias::squaredBias);
            Interval compositional = result.summary(i + 2, EstimatorBias::squaredBias);
            list.add(new Decomposition(s.estimator(), s.k(), s.eta(), s.batch(), total, compositional, hessian,
                    total.mean() - compositional.mean() - hessian.mean()));
        }
        return list;
    }

    @Override
    public void printText(PrintWriter out) {
        Config c = config;
        out.println(c.game() + ", gamma " + NumberText.format(c.gamma()) + ", T = " + c.horizon() + " moves"
                + (c.noise() == 0 ? "" : ", trembling-hand noise " + NumberText.format(c.noise())) + "; agent "
                + c.agent() + "'s LOLA-K meta-gradient; " + c.samples() + " independent estimates per configuration "
                + "and point, " + c.points().size() + (c.points().size() == 1 ? " point" : " points") + ", seed "
                + c.seed());
        out.println("|bias| = |mean - exact|; bias^2 = |mean - exact|^2 - tr(Cov)/N (noise-corrected); var = "
                + "tr(Cov); intervals 95%" + (c.points().size() > 1 ? " over points" : ""));
        boolean theory = summary.stream().anyMatch(s -> s.bound() != null);
        if (theory) {
            out.println("theory: bound = first-order bound on |bias| (sum_k L_k sigma_k), pred = |predicted "
                    + "compositional bias| (second-order delta method); '-' for K = 0 or a replayed lookahead");
        }
        TextTable table = new TextTable().left("estimator").right("K").right("eta").right("B").right("|bias|")
                .right("bias^2").left("95% CI").right("var").right("mse").right("cosine").right("corr");
        if (theory) {
            table.right("bound").right("pred");
        }
        for (Summary s : summary) {
            List<String> cells = new ArrayList<>(List.of(s.variant().isEmpty() ? s.estimator()
                            : s.estimator() + " (" + s.variant() + ")",
                    Integer.toString(s.k()), NumberText.format(s.eta()), Integer.toString(s.batch()),
                    NumberText.format(s.biasNorm().mean()), NumberText.format(s.squaredBias().mean()),
                    interval(s.squaredBias()), NumberText.format(s.variance().mean()),
                    NumberText.format(s.mse().mean()), fixed(s.cosine().mean()), fixed(s.corr().mean())));
            if (theory) {
                cells.add(s.bound() == null ? "-" : NumberText.format(s.bound()));
                cells.add(s.prediction() == null ? "-" : NumberText.format(s.prediction()));
            }
            table.row(cells.toArray(String[]::new));
        }
        table.print(out, "");
        if (decomposition != null) {
            out.println();
            out.println("bias decomposition (noise-corrected squared bias; compositional: Hessian products exact, "
                    + "hessian: inner steps exact):");
            TextTable d = new TextTable().left("estimator").right("K").right("eta").right("B").right("total")
                    .right("compositional").left("95% CI").right("hessian").left("95% CI").right("interaction");
            for (Decomposition x : decomposition) {
                d.row(x.estimator(), Integer.toString(x.k()), NumberText.format(x.eta()), Integer.toString(x.batch()),
                        NumberText.format(x.total().mean()), NumberText.format(x.compositional().mean()),
                        interval(x.compositional()), NumberText.format(x.hessian().mean()), interval(x.hessian()),
                        NumberText.format(x.interaction()));
            }
            d.print(out, "");
        }
    }

    private static String interval(Interval i) {
        return Double.isNaN(i.ciLow()) ? "-" : "[" + NumberText.format(i.ciLow()) + ", " + NumberText.format(i.ciHigh())
                + "]";
    }

    private static String fixed(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** One CSV row per configuration and point (scalars only). */
    void writeCsv(Path file) throws IOException {
        List<String> header = new ArrayList<>(List.of("estimator", "variant", "k", "eta", "batch", "point"));
        for (String m : List.of("biasNorm", "relativeBias", "squaredBias", "variance", "mse", "cosine", "corr",
                "signAgreement")) {
            header.add(m);
            header.add(m + "Low");
            header.add(m + "High");
        }
        header.add("effectiveSampleSize");
        boolean theory = rows.stream().anyMatch(r -> r.theory() != null);
        if (theory) {
            header.addAll(List.of("bound", "prediction", "sigmaIn", "c2", "lipschitz"));
        }
        CsvFiles.write(file, manifest.commentLines(), header, printer -> {
            for (Row r : rows) {
                List<Object> cells = new ArrayList<>(List.of(r.estimator(), r.variant(), r.k(), r.eta(), r.batch(),
                        r.point()));
                for (Interval i : List.of(r.biasNorm(), r.relativeBias(), r.squaredBias(), r.variance(), r.mse(),
                        r.cosine(), r.corr(), r.signAgreement())) {
                    cells.add(i.mean());
                    cells.add(i.ciLow());
                    cells.add(i.ciHigh());
                }
                cells.add(r.effectiveSampleSize() == null ? "" : r.effectiveSampleSize());
                if (theory) {
                    Theory t = r.theory();
                    cells.addAll(t == null ? List.of("", "", "", "", "")
                            : List.of(t.bound(), t.prediction(), t.sigmaIn(), t.c2(), t.lipschitz()));
                }
                printer.printRecord(cells);
            }
        });
    }

    /** Writes a plot for each swept quantity (batch, K, eta) with at least two values. */
    void writePlots(Path dir) throws IOException {
        plot(dir, "batch", Summary::batch, true);
        plot(dir, "k", Summary::k, false);
        plot(dir, "eta", Summary::eta, false);
    }

    /**
     * Bias (sqrt of the noise-corrected squared bias) and standard deviation (sqrt of tr Cov) against one swept
     * quantity, one colour per estimator and setting of the other quantities, bias solid and sd dashed, each point
     * with its 95% interval (a vertical segment). A bias whose interval reaches 0 is consistent with no bias: it is
     * drawn as a down-pointing triangle at the interval's upper end (an upper bound), not as a point. Against the
     * batch size the axes are logarithmic and each legend entry carries the least-squares slope of log value on log
     * batch, fitted only through the points whose interval excludes 0, with their number (the seed paper bounds the
     * compositional bias by O(B^-1/2); an unbiased estimator's sd falls as B^-1/2). With more than
     * {@link #MAX_LINES_PER_PANEL} estimator settings a plot is split into one file per K (or eta).
     */
    private void plot(Path dir, String quantity, ToDoubleFunction<Summary> x, boolean logLog) throws IOException {
        Set<Double> distinct = new TreeSet<>();
        for (Summary s : summary) {
            distinct.add(x.applyAsDouble(s));
        }
        if (distinct.size() < 2) {
            return;
        }
        // Split by the other swept quantity with the most values, when one panel would hold too many lines.
        String facet = "";
        if (lines(quantity, summary, "").size() > MAX_LINES_PER_PANEL) {
            int most = 1;
            for (String candidate : List.of("k", "eta", "batch")) {
                Set<String> values = new TreeSet<>();
                for (Summary s : summary) {
                    values.add(panelOf(s, candidate));
                }
                if (!candidate.equals(quantity) && values.size() > most) {
                    most = values.size();
                    facet = candidate;
                }
            }
        }
        Set<String> panels = new LinkedHashSet<>();
        for (Summary s : summary) {
            panels.add(panelOf(s, facet));
        }
        for (String panel : panels) {
            List<Summary> in = new ArrayList<>();
            for (Summary s : summary) {
                if (panelOf(s, facet).equals(panel)) {
                    in.add(s);
                }
            }
            XYChart chart = chart(quantity, logLog, panel);
            int colour = 0;
            for (Map.Entry<String, List<Summary>> line : lines(quantity, in, facet).entrySet()) {
                List<Summary> points = new ArrayList<>(line.getValue());
                points.sort((u, v) -> Double.compare(x.applyAsDouble(u), x.applyAsDouble(v)));
                Color c = PALETTE[colour++ % PALETTE.length];
                addLine(chart, line.getKey() + " bias", points, x, Summary::squaredBias, true, logLog, false, c);
                addLine(chart, line.getKey() + " sd", points, x, Summary::variance, false, logLog, true, c);
                addTheory(chart, line.getKey() + " bound", points, x, Summary::bound, logLog, c, new float[] {2f, 3f});
                addTheory(chart, line.getKey() + " prediction", points, x, Summary::prediction, logLog, c,
                        new float[] {10f, 3f, 2f, 3f});
            }
            String suffix = panel.isEmpty() ? "" : "-" + panel;
            for (String extension : List.of(".png", ".svg")) {
                ChartFiles.save(chart, dir.resolve("bias-vs-" + quantity + suffix + extension));
            }
        }
    }

    /** The panel of a summary: its K, eta or B when the plot is split by it, otherwise the single panel "". */
    private static String panelOf(Summary s, String facet) {
        return switch (facet) {
            case "k" -> "K" + s.k();
            case "eta" -> "eta" + NumberText.format(s.eta());
            case "batch" -> "B" + s.batch();
            default -> "";
        };
    }

    /** The summaries grouped by estimator and the settings that are neither swept nor the facet. */
    private static Map<String, List<Summary>> lines(String quantity, List<Summary> summaries, String facet) {
        Map<String, List<Summary>> lines = new LinkedHashMap<>();
        for (Summary s : summaries) {
            String key = (s.variant().isEmpty() ? s.estimator() : s.estimator() + " (" + s.variant() + ")")
                    + (quantity.equals("k") || facet.equals("k") ? "" : ", K=" + s.k())
                    + (quantity.equals("eta") || facet.equals("eta") ? "" : ", eta=" + NumberText.format(s.eta()))
                    + (quantity.equals("batch") || facet.equals("batch") ? "" : ", B=" + s.batch());
            lines.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
        }
        return lines;
    }

    private XYChart chart(String quantity, boolean logLog, String panel) {
        XYChart chart = new XYChartBuilder().width(1000).height(620)
                .title(config.game() + ", T=" + config.horizon() + ", N=" + config.samples() + ", "
                        + config.points().size() + (config.points().size() == 1 ? " point" : " points")
                        + (panel.isEmpty() ? "" : ", " + panel.replaceFirst("^(K|eta|B)", "$1="))
                        + ": meta-gradient bias and sd, 95% CI")
                .xAxisTitle(quantity.equals("k") ? "lookahead steps K" : quantity.equals("eta")
                        ? "lookahead step eta" : "batch size B")
                .yAxisTitle(summary.stream().anyMatch(s -> s.bound() != null)
                        ? "bias (solid; triangle: upper end), sd (dashed), bound (dotted), prediction (dash-dot)"
                        : "bias (solid; triangle: consistent with 0, at its upper bound), sd (dashed)").build();
        chart.getStyler().setXAxisLogarithmic(logLog);
        chart.getStyler().setYAxisLogarithmic(logLog);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        return chart;
    }

    /**
     * A theory column as a thin line without markers in the line's colour, dotted (bound) or dash-dotted
     * (prediction); nothing when the summaries have none (and, on log axes, only its positive values).
     */
    private static void addTheory(XYChart chart, String name, List<Summary> points, ToDoubleFunction<Summary> x,
                                  Function<Summary, Double> column, boolean logLog, Color colour, float[] dash) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (Summary s : points) {
            Double v = column.apply(s);
            if (v != null && (!logLog || v > 0)) {
                xs.add(x.applyAsDouble(s));
                ys.add(v);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(colour);
        series.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
    }

    /**
     * One line: points (sqrt of the interval's mean) where the interval excludes 0, triangles at sqrt of the upper
     * end where it does not (bias only), a vertical segment per interval, and for log-log the fitted slope.
     */
    private static void addLine(XYChart chart, String name, List<Summary> points, ToDoubleFunction<Summary> x,
                                Function<Summary, Interval> squared, boolean bias, boolean logLog, boolean dashed,
                                Color colour) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> boundX = new ArrayList<>();
        List<Double> boundY = new ArrayList<>();
        SimpleRegression fit = new SimpleRegression();
        for (Summary s : points) {
            Interval v = squared.apply(s);
            double px = x.applyAsDouble(s);
            boolean excludesZero = !bias || v.ciLow() > 0 || (Double.isNaN(v.ciLow()) && v.mean() > 0);
            if (!excludesZero) {
                double upper = Math.sqrt(Math.max(0, Double.isNaN(v.ciHigh()) ? v.mean() : v.ciHigh()));
                if (upper > 0 || !logLog) {
                    boundX.add(px);
                    boundY.add(upper);
                }
                continue;
            }
            double value = Math.sqrt(Math.max(0, v.mean()));
            if (logLog && !(value > 0)) {
                continue;
            }
            xs.add(px);
            ys.add(value);
            if (logLog) {
                fit.addData(Math.log(px), Math.log(value));
            }
            if (!Double.isNaN(v.ciLow())) {
                double low = Math.sqrt(Math.max(0, v.ciLow()));
                double high = Math.sqrt(Math.max(0, v.ciHigh()));
                if (!logLog || low > 0) {
                    XYSeries segment = chart.addSeries(name + " CI " + px, new double[] {px, px},
                            new double[] {low, high});
                    segment.setMarker(SeriesMarkers.NONE);
                    segment.setLineColor(colour);
                    segment.setShowInLegend(false);
                }
            }
        }
        if (!xs.isEmpty()) {
            String label = logLog && fit.getN() >= 2
                    ? name + String.format(Locale.ROOT, " (slope %.2f over %d points)", fit.getSlope(), fit.getN())
                    : name;
            XYSeries series = chart.addSeries(label, xs, ys);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(colour);
            series.setLineColor(colour);
            series.setLineStyle(dashed ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f) : new BasicStroke(2f));
        }
        if (!boundX.isEmpty()) {
            XYSeries bound = chart.addSeries(name + ": consistent with 0 (upper bound)", boundX, boundY);
            bound.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            bound.setMarker(SeriesMarkers.TRIANGLE_DOWN);
            bound.setMarkerColor(colour);
        }
    }
}
