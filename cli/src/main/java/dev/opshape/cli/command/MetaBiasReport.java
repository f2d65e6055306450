package dev.opshape.cli.command;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.opshape.cli.output.ChartFiles;
import dev.opshape.cli.output.CsvFiles;
import dev.opshape.cli.output.Manifest;
import dev.opshape.cli.output.NumberText;
import dev.opshape.cli.output.Report;
import dev.opshape.cli.output.TextTable;
import dev.opshape.shaping.bias.EstimatorBias;
import dev.opshape.shaping.metabias.MetaBiasConfiguration;
import dev.opshape.shaping.metabias.MetaBiasResult;
import dev.opshape.shaping.metabias.MetaBiasRow;
import dev.opshape.shaping.metabias.MetaBiasStudyConfig;
import dev.opshape.shaping.statistics.Interval;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The result of {@code opshape meta-bias}.
 *
 * @param manifest what produced the document, with the seed and the configuration
 * @param config   the study's settings (written to JSON as manifest.configuration)
 * @param rows     one per algorithm, estimator, parts, K, alpha, batch, Hessian bias and MDP
 * @param summary  one per configuration, each measure averaged over the MDPs, with a 95% interval conditional on them
 */
@JsonPropertyOrder({"manifest", "rows", "summary"})
public record MetaBiasReport(Manifest manifest, @JsonIgnore Config config, List<Row> rows, List<Summary> summary)
        implements Report {

    /** Schema name of the JSON document. */
    public static final String SCHEMA = "opshape-meta-bias/1";

    /** Colours per estimator, so that bias and sd of one estimator share one. */
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    /**
     * @param algorithm the meta-learning algorithm (maml or lirpg)
     * @param mdp       the MDP family or file
     * @param mdps      the MDPs' names, in row order
     * @param gamma     discount
     * @param horizon   T, steps of the sampled trajectories and of the exact value
     * @param samples   estimates per MDP and configuration
     * @param seed      master seed (MDPs, trajectories, bootstrap)
     */
    public record Config(String algorithm, String mdp, List<String> mdps, double gamma, int horizon, int samples,
                         long seed) {
    }

    /**
     * One configuration on one MDP.
     *
     * @param algorithm   maml or lirpg
     * @param estimator   the estimator spec as given
     * @param sampler     the sampled parts' estimator with every parameter
     * @param parts       which parts are sampled (lee, ele, ...)
     * @param k           inner steps
     * @param lr          inner step size alpha
     * @param batch       trajectories per sampled part
     * @param hessianBias injected Hessian error c
     * @param mdp         index into config.mdps
     * @param exact       the exact meta-gradient (state-major, action-minor)
     * @param mean        the mean estimate
     * @param corr        mean Pearson correlation of an estimate with the exact meta-gradient (the paper's corr)
     * @param squaredBias |mean - exact|^2 - tr(Cov)/N (noise-corrected)
     * @param variance    tr(Cov)
     * @param mse         mean |estimate - exact|^2
     * @param sdSum       sum of per-component standard deviations (the paper's var)
     * @param gradMse     mean over components of (mean - exact)^2 (the paper's grad_mse, not noise-corrected)
     * @param cosine      mean cosine similarity with the exact meta-gradient
     * @param samples     N
     */
    @JsonPropertyOrder({"algorithm", "estimator", "sampler", "parts", "k", "lr", "batch", "hessianBias", "mdp",
            "exact", "mean", "corr", "squaredBias", "variance", "mse", "sdSum", "gradMse", "cosine", "samples"})
    public record Row(String algorithm, String estimator, String sampler, String parts, int k, double lr, int batch,
                      double hessianBias, int mdp, double[] exact, double[] mean, Interval corr,
                      Interval squaredBias, Interval variance, Interval mse, Interval sdSum, Interval gradMse,
                      Interval cosine, int samples) {
    }

    /** One configuration over all MDPs (one MDP: its values; several: their mean, interval conditional on them). */
    @JsonPropertyOrder({"algorithm", "estimator", "parts", "k", "lr", "batch", "hessianBias", "mdps", "corr",
            "squaredBias", "variance", "mse", "sdSum", "gradMse", "cosine"})
    public record Summary(String algorithm, String estimator, String parts, int k, double lr, int batch,
                          double hessianBias, int mdps, Interval corr, Interval squaredBias, Interval variance,
                          Interval mse, Interval sdSum, Interval gradMse, Interval cosine) {
    }

    /** The measures, by JSON name, as functions of a row. */
    private static final Map<String, Function<MetaBiasRow, Interval>> MEASURES = measures();

    private static Map<String, Function<MetaBiasRow, Interval>> measures() {
        Map<String, Function<MetaBiasRow, Interval>> m = new LinkedHashMap<>();
        m.put("corr", r -> r.bias().corr());
        m.put("squaredBias", r -> r.bias().squaredBias());
        m.put("variance", r -> r.bias().variance());
        m.put("mse", r -> r.bias().mse());
        m.put("sdSum", r -> r.paper().sdSum());
        m.put("gradMse", r -> r.paper().gradMse());
        m.put("cosine", r -> r.bias().cosine());
        return m;
    }

    /** Builds the report. */
    public static MetaBiasReport of(Manifest manifest, MetaBiasResult result, String algorithm, String mdp) {
        MetaBiasStudyConfig c = result.config();
        Config config = new Config(algorithm, mdp, c.mdps().stream().map(m -> m.name()).toList(), c.gamma(),
                c.horizon(), c.samples(), c.seed());
        List<Row> rows = new ArrayList<>();
        for (MetaBiasRow r : result.rows()) {
            MetaBiasConfiguration s = c.configurations().get(r.configuration());
            EstimatorBias b = r.bias();
            rows.add(new Row(algorithm, s.estimator(), s.sampled().toString(), s.parts().label(), s.k(), s.lr(),
                    s.batch(), s.hessianBias(), r.mdp(), b.exact(), b.mean(), b.corr(), b.squaredBias(),
                    b.variance(), b.mse(), r.paper().sdSum(), r.paper().gradMse(), b.cosine(), b.samples()));
        }
        List<Summary> summary = new ArrayList<>();
        for (int i = 0; i < c.configurations().size(); i++) {
            MetaBiasConfiguration s = c.configurations().get(i);
            List<Interval> m = new ArrayList<>();
            for (Function<MetaBiasRow, Interval> measure : MEASURES.values()) {
                m.add(result.summary(i, measure));
            }
            summary.add(new Summary(algorithm, s.estimator(), s.parts().label(), s.k(), s.lr(), s.batch(),
                    s.hessianBias(), c.mdps().size(), m.get(0), m.get(1), m.get(2), m.get(3), m.get(4), m.get(5),
                    m.get(6)));
        }
        return new MetaBiasReport(manifest.withRun(c.seed(), config), config, rows, summary);
    }

    @Override
    public void printText(PrintWriter out) {
        Config c = config;
        String start = c.algorithm().equals("lirpg") ? "d V_r / d eta at theta_0 = 0, eta = 0" : "at theta_0 = 0";
        out.println(c.algorithm().toUpperCase(Locale.ROOT) + " meta-gradient " + start + " on " + c.mdps().size()
                + (c.mdps().size() == 1 ? " MDP " : " MDPs ") + c.mdp() + ", gamma " + NumberText.format(c.gamma())
                + ", T = " + c.horizon() + "; " + c.samples() + " estimates per MDP and configuration, seed "
                + c.seed());
        out.println("corr = mean Pearson correlation with the exact meta-gradient; sd-sum and grad-mse are the seed "
                + "paper's var and grad_mse; bias^2 = |mean - exact|^2 - tr(Cov)/N; var = tr(Cov); "
                + (c.mdps().size() > 1 ? "means over MDPs, 95% intervals conditional on these MDPs" : "95% intervals"));
        TextTable table = new TextTable().left("estimator").left("parts").right("K").right("alpha").right("B")
                .right("c").right("corr").left("95% CI").right("sd-sum").right("grad-mse").right("bias^2")
                .right("var").right("mse");
        for (Summary s : summary) {
            table.row(s.estimator(), s.parts(), Integer.toString(s.k()), NumberText.format(s.lr()),
                    Integer.toString(s.batch()), NumberText.format(s.hessianBias()), fixed(s.corr().mean()),
                    interval(s.corr()), NumberText.format(s.sdSum().mean()), NumberText.format(s.gradMse().mean()),
                    NumberText.format(s.squaredBias().mean()), NumberText.format(s.variance().mean()),
                    NumberText.format(s.mse().mean()));
        }
        table.print(out, "");
    }

    private static String interval(Interval i) {
        return Double.isNaN(i.ciLow()) ? "-" : "[" + fixed(i.ciLow()) + ", " + fixed(i.ciHigh()) + "]";
    }

    private static String fixed(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** One CSV row per configuration and MDP (scalars only). */
    void writeCsv(Path file) throws IOException {
        List<String> header = new ArrayList<>(List.of("algorithm", "estimator", "parts", "k", "lr", "batch",
                "hessianBias", "mdp"));
        for (String m : MEASURES.keySet()) {
            header.add(m);
            header.add(m + "Low");
            header.add(m + "High");
        }
        CsvFiles.write(file, manifest.commentLines(), header, printer -> {
            for (Row r : rows) {
                List<Object> cells = new ArrayList<>(List.of(r.algorithm(), r.estimator(), r.parts(), r.k(), r.lr(),
                        r.batch(), r.hessianBias(), config.mdps().get(r.mdp())));
                for (Interval i : List.of(r.corr(), r.squaredBias(), r.variance(), r.mse(), r.sdSum(), r.gradMse(),
                        r.cosine())) {
                    cells.add(i.mean());
                    cells.add(i.ciLow());
                    cells.add(i.ciHigh());
                }
                printer.printRecord(cells);
            }
        });
    }

    /** Writes a plot for each swept quantity (batch, K, alpha, c) with at least two values. */
    void writePlots(Path dir) throws IOException {
        plot(dir, "batch", "batch size B", Summary::batch, true);
        plot(dir, "k", "inner steps K", Summary::k, false);
        plot(dir, "lr", "inner step size alpha", Summary::lr, false);
        plot(dir, "hessian-bias", "injected Hessian bias c", Summary::hessianBias, true);
    }

    /**
     * Bias (sqrt of the noise-corrected squared bias, drawn only where its interval excludes 0) and standard
     * deviation (sqrt of tr Cov) against one swept quantity, and the correlation in a second chart: one colour per
     * estimator (bias solid, sd dashed in the same colour), 95% intervals as error bars on linear axes. With
     * several part combinations, one pair of charts per combination (file names end in -lee, -ele, ...), as the
     * seed paper draws one panel per combination. On log-log axes the legend carries the least-squares slope of
     * log value on log x through the points drawn.
     */
    private void plot(Path dir, String name, String axis, ToDoubleFunction<Summary> x, boolean logLog)
            throws IOException {
        Set<Double> distinct = new TreeSet<>();
        Map<String, List<Summary>> byParts = new LinkedHashMap<>();
        List<String> estimators = new ArrayList<>();
        for (Summary s : summary) {
            distinct.add(x.applyAsDouble(s));
            byParts.computeIfAbsent(s.parts(), key -> new ArrayList<>()).add(s);
            if (!estimators.contains(s.estimator())) {
                estimators.add(s.estimator());
            }
        }
        if (distinct.size() < 2) {
            return;
        }
        boolean log = logLog && distinct.iterator().next() > 0;
        for (Map.Entry<String, List<Summary>> group : byParts.entrySet()) {
            String suffix = byParts.size() > 1 ? "-" + group.getKey() : "";
            String title = group.getKey() + " (inner, hessian, outer; l = sampled)";
            XYChart error = chart(title, axis, "bias (solid), standard deviation (dashed)", log);
            XYChart corr = chart(title, axis, "correlation with the exact meta-gradient", false);
            corr.getStyler().setXAxisLogarithmic(log);
            Map<String, List<Summary>> lines = new LinkedHashMap<>();
            for (Summary s : group.getValue()) {
                lines.computeIfAbsent(lineKey(s, name), key -> new ArrayList<>()).add(s);
            }
            for (Map.Entry<String, List<Summary>> line : lines.entrySet()) {
                List<Summary> points = new ArrayList<>(line.getValue());
                points.sort((a, b) -> Double.compare(x.applyAsDouble(a), x.applyAsDouble(b)));
                Color color = PALETTE[estimators.indexOf(points.get(0).estimator()) % PALETTE.length];
                addLine(error, line.getKey() + " bias", points, x, s -> root(s.squaredBias()), color, false, log,
                        true);
                addLine(error, line.getKey() + " sd", points, x, s -> root(s.variance()), color, true, log, false);
                addLine(corr, line.getKey(), points, x, Summary::corr, color, false, false, false);
            }
            for (String extension : List.of(".png", ".svg")) {
                ChartFiles.save(error, dir.resolve("meta-bias-vs-" + name + suffix + extension));
                ChartFiles.save(corr, dir.resolve("meta-corr-vs-" + name + suffix + extension));
            }
        }
    }

    private XYChart chart(String parts, String axis, String yTitle, boolean logLog) {
        XYChart chart = new XYChartBuilder().width(960).height(600)
                .title(config.algorithm().toUpperCase(Locale.ROOT) + " meta-gradient, " + parts + ", "
                        + config.mdps().size() + " MDPs, T=" + config.horizon())
                .xAxisTitle(axis).yAxisTitle(yTitle).build();
        chart.getStyler().setXAxisLogarithmic(logLog);
        chart.getStyler().setYAxisLogarithmic(logLog);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        return chart;
    }

    /** The legend of a line: estimator and parts, plus every other swept quantity that varies. */
    private String lineKey(Summary s, String quantity) {
        StringBuilder key = new StringBuilder(s.estimator());
        if (!quantity.equals("k") && varies(Summary::k)) {
            key.append(", K=").append(s.k());
        }
        if (!quantity.equals("lr") && varies(Summary::lr)) {
            key.append(", alpha=").append(NumberText.format(s.lr()));
        }
        if (!quantity.equals("batch") && varies(Summary::batch)) {
            key.append(", B=").append(s.batch());
        }
        if (!quantity.equals("hessian-bias") && varies(Summary::hessianBias)) {
            key.append(", c=").append(NumberText.format(s.hessianBias()));
        }
        return key.toString();
    }

    private boolean varies(ToDoubleFunction<Summary> f) {
        return summary.stream().mapToDouble(f).distinct().count() > 1;
    }

    /** The square root of an interval of a squared quantity (mean and ends clipped at 0). */
    private static Interval root(Interval i) {
        return new Interval(Math.sqrt(Math.max(0, i.mean())), Math.sqrt(Math.max(0, i.ciLow())),
                Math.sqrt(Math.max(0, i.ciHigh())));
    }

    private static void addLine(XYChart chart, String name, List<Summary> points, ToDoubleFunction<Summary> x,
                                Function<Summary, Interval> y, Color color, boolean dashed, boolean logLog,
                                boolean needsSignificance) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        SimpleRegression fit = new SimpleRegression();
        for (Summary s : points) {
            Interval v = y.apply(s);
            if (Double.isNaN(v.mean()) || (logLog && !(v.mean() > 0))
                    || (needsSignificance && !(v.ciLow() > 0))) {
                continue;
            }
            xs.add(x.applyAsDouble(s));
            ys.add(v.mean());
            errors.add(Double.isNaN(v.ciHigh()) ? 0.0 : Math.max(v.ciHigh() - v.mean(), v.mean() - v.ciLow()));
            if (logLog) {
                fit.addData(Math.log(x.applyAsDouble(s)), Math.log(v.mean()));
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        String label = logLog && fit.getN() >= 2
                ? name + String.format(Locale.ROOT, " (slope %.2f)", fit.getSlope()) : name;
        XYSeries series = logLog ? chart.addSeries(label, xs, ys) : chart.addSeries(label, xs, ys, errors);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineColor(color);
        series.setMarkerColor(color);
        if (dashed) {
            series.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
    }
}
