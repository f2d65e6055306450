package dev.opshape.cli.command;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.opshape.cli.output.CsvFiles;
import dev.opshape.cli.output.Manifest;
import dev.opshape.cli.output.NumberText;
import dev.opshape.cli.output.Report;
import dev.opshape.cli.output.TextTable;
import dev.opshape.shaping.population.FitnessMap;
import dev.opshape.shaping.population.MoranProcess;
import dev.opshape.shaping.population.ReplicatorDynamics;
import dev.opshape.shaping.statistics.Interval;
import dev.opshape.shaping.statistics.MeanEstimate;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
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

/**
 * The result of {@code opshape evolve}.
 *
 * @param manifest   what produced the document, with the seed and the configuration
 * @param types      the types (the tournament's agents), in roster order
 * @param payoff     a[i][j]: type i's payoff per move against type j
 * @param moran      the Moran process's results
 * @param replicator the replicator dynamics' results
 */
@JsonPropertyOrder({"manifest", "types", "payoff", "moran", "replicator"})
public record EvolveReport(Manifest manifest, List<String> types, double[][] payoff, Moran moran,
                           Replicator replicator) implements Report {

    /** Schema name of the JSON document. */
    public static final String SCHEMA = "opshape-evolve/1";

    /**
     * @param source      where the payoffs come from: a tournament file, or the tournament played
     * @param population  N
     * @param w           intensity of selection
     * @param fitness     linear or exponential
     * @param mutation    mutation probability of the simulation (0: none)
     * @param generations steps per replicate of the simulation
     * @param replicates  replicates of the simulation
     * @param trials      fixation trials per ordered pair (0: none)
     * @param dynamics    continuous or discrete
     * @param start       the trajectory's start
     * @param time        its length
     */
    public record Config(String source, int population, double w, String fitness, double mutation,
                         int generations, int replicates, int trials, String dynamics, double[] start, double time) {
    }

    /**
     * @param population   N
     * @param neutral      1/N, the fixation probability under neutral drift
     * @param fixation     [i][j]: probability that one type-i mutant takes over a population of type j (diagonal:
     *                     1/N)
     * @param rareMutation each type's long-run share as mutations become rare
     * @param simulated    the simulated shares with mutation (null without --mutation)
     * @param simulatedFixation [i][j] simulated fixation probabilities with their intervals (null without --trials;
     *                     the diagonal is NaN)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Moran(int population, double neutral, double[][] fixation, double[] rareMutation,
                        List<Interval> simulated, Interval[][] simulatedFixation) {
    }

    /**
     * @param dynamics   continuous or discrete
     * @param restPoints every rest point (empty above {@link ReplicatorDynamics#MAX_TYPES_FOR_REST_POINTS} types)
     * @param times      the trajectory's sample times (generations for the discrete map)
     * @param shares     [sample][type] the trajectory
     */
    public record Replicator(String dynamics, List<Rest> restPoints, double[] times, double[][] shares) {
    }

    /**
     * @param shares      the rest point
     * @param eigenvalues real parts of the eigenvalues of the Jacobian along the simplex
     * @param stability   stable, unstable or undecided
     */
    public record Rest(double[] shares, double[] eigenvalues, String stability) {
    }

    /** A value that was not computed. */
    private static final Interval NONE = new Interval(Double.NaN, Double.NaN, Double.NaN);

    /** Trajectory samples of the continuous dynamics (the discrete one samples every generation up to this many). */
    private static final int SAMPLES = 201;

    /** Computes every result (simulations included) and builds the report. */
    static EvolveReport of(Manifest manifest, String source, List<String> types, double[][] payoff,
                           MoranProcess moran, double w, FitnessMap fitness, double mutation, int generations,
                           int replicates, int trials, long seed, ReplicatorDynamics replicator, boolean discrete,
                           double[] start, double time) {
        int n = types.size();
        double[][] fixation = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                fixation[i][j] = moran.fixationProbability(i, j);
            }
        }
        List<Interval> simulated = null;
        if (mutation > 0) {
            simulated = new ArrayList<>();
            for (MeanEstimate e : moran.simulateStationary(mutation, generations, generations / 10, replicates,
                    seed)) {
                simulated.add(e.interval());
            }
        }
        Interval[][] simulatedFixation = null;
        if (trials > 0) {
            simulatedFixation = new Interval[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    simulatedFixation[i][j] = i == j ? NONE
                            : moran.simulateFixation(i, j, trials, seed).interval();
                }
            }
        }
        List<Rest> rests = new ArrayList<>();
        if (n <= ReplicatorDynamics.MAX_TYPES_FOR_REST_POINTS) {
            for (ReplicatorDynamics.RestPoint p : replicator.restPoints()) {
                rests.add(new Rest(p.shares(), p.eigenvalues(), p.stability().display()));
            }
        }
        double[] times;
        double[][] shares;
        if (discrete) {
            int g = (int) Math.round(time);
            shares = replicator.discreteTrajectory(start, Math.max(g, 1));
            times = new double[shares.length];
            for (int k = 0; k < times.length; k++) {
                times[k] = k;
            }
        } else {
            double dt = time / (SAMPLES - 1);
            shares = replicator.trajectory(start, dt, SAMPLES);
            times = new double[SAMPLES];
            for (int k = 0; k < SAMPLES; k++) {
                times[k] = k * dt;
            }
        }
        Config config = new Config(source, moran.population(), w, fitness.display(), mutation, generations,
                replicates, trials, discrete ? "discrete" : "continuous", start, time);
        return new EvolveReport(manifest.withRun(seed, config), types, payoff,
                new Moran(moran.population(), 1.0 / moran.population(), fixation, moran.rareMutationDistribution(),
                        simulated, simulatedFixation),
                new Replicator(config.dynamics(), rests, times, shares));
    }

    @JsonIgnore
    private Config config() {
        return (Config) manifest.configuration();
    }

    @Override
    public void printText(PrintWriter out) {
        Config c = config();
        int n = types.size();
        out.println("evolve: " + n + " types from " + c.source() + "; Moran N = " + c.population() + ", w = "
                + NumberText.format(c.w()) + " (" + c.fitness() + " fitness); replicator " + c.dynamics()
                + " to " + (c.dynamics().equals("discrete") ? "generation " : "time ") + NumberText.format(c.time()));
        out.println("share = long-run share as mutations become rare; invaded by = types whose single mutant takes "
                + "over this type's population with probability above 1/N; invades = types it does that to" + (moran
                .simulated() == null ? "" : "; simulated = shares with mutation " + NumberText.format(c.mutation())
                + " (95% CI over " + c.replicates() + " replicates)"));
        TextTable table = new TextTable().right("rank").left("type").right("share").right("invaded by")
                .right("invades");
        if (moran.simulated() != null) {
            table.left("simulated");
        }
        table.right("replicator");
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(moran.rareMutation()[b], moran.rareMutation()[a]));
        double[] last = replicator.shares()[replicator.shares().length - 1];
        for (int rank = 0; rank < n; rank++) {
            int i = order[rank];
            int invadedBy = 0;
            int invades = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    invadedBy += moran.fixation()[j][i] > moran.neutral() ? 1 : 0;
                    invades += moran.fixation()[i][j] > moran.neutral() ? 1 : 0;
                }
            }
            List<String> cells = new ArrayList<>(List.of(Integer.toString(rank + 1), types.get(i),
                    String.format(Locale.ROOT, "%.4f", moran.rareMutation()[i]), Integer.toString(invadedBy),
                    Integer.toString(invades)));
            if (moran.simulated() != null) {
                Interval s = moran.simulated().get(i);
                cells.add(String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", s.mean(), s.ciLow(), s.ciHigh()));
            }
            cells.add(String.format(Locale.ROOT, "%.4f", last[i]));
            table.row(cells.toArray(String[]::new));
        }
        table.print(out, "");
        out.println();
        out.println("fixation of one row mutant in a population of the column type, times N (above 1: favoured by "
                + "selection)");
        TextTable m = new TextTable().right("#").left("type");
        for (int j = 0; j < n; j++) {
            m.right(Integer.toString(j + 1));
        }
        for (int i = 0; i < n; i++) {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(i + 1), types.get(i)));
            for (int j = 0; j < n; j++) {
                cells.add(i == j ? "-" : String.format(Locale.ROOT, "%.2f", moran.fixation()[i][j]
                        * moran.population()));
            }
            m.row(cells.toArray(String[]::new));
        }
        m.print(out, "");
        out.println();
        if (n > ReplicatorDynamics.MAX_TYPES_FOR_REST_POINTS) {
            out.println("replicator rest points: not searched above " + ReplicatorDynamics.MAX_TYPES_FOR_REST_POINTS
                    + " types");
            return;
        }
        long stable = replicator.restPoints().stream().filter(r -> r.stability().equals("stable")).count();
        out.println("replicator rest points: " + replicator.restPoints().size() + " (" + stable + " stable)");
        TextTable rests = new TextTable().left("stability").left("support (shares)");
        for (Rest r : replicator.restPoints()) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (r.shares()[i] > 0) {
                    parts.add(types.get(i) + " " + String.format(Locale.ROOT, "%.3f", r.shares()[i]));
                }
            }
            rests.row(r.stability(), String.join(", ", parts));
        }
        rests.print(out, "");
    }

    /** Writes types.csv, fixation.csv, rest-points.csv and trajectory.csv into the directory. */
    void writeCsv(Path dir) throws IOException {
        List<String> comments = manifest.commentLines();
        int n = types.size();
        double[] last = replicator.shares()[replicator.shares().length - 1];
        CsvFiles.write(dir.resolve("types.csv"), comments, List.of("type", "rareMutationShare", "simulatedShare",
                "simulatedLow", "simulatedHigh", "replicatorFinalShare"), printer -> {
                    for (int i = 0; i < n; i++) {
                        Interval s = moran.simulated() == null ? NONE : moran.simulated().get(i);
                        printer.printRecord(types.get(i), moran.rareMutation()[i], s.mean(), s.ciLow(), s.ciHigh(),
                                last[i]);
                    }
                });
        CsvFiles.write(dir.resolve("fixation.csv"), comments, List.of("mutant", "resident", "fixation",
                "timesN", "simulated", "simulatedLow", "simulatedHigh"), printer -> {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            Interval s = moran.simulatedFixation() == null ? NONE : moran.simulatedFixation()[i][j];
                            printer.printRecord(types.get(i), types.get(j), moran.fixation()[i][j],
                                    moran.fixation()[i][j] * moran.population(), s.mean(), s.ciLow(), s.ciHigh());
                        }
                    }
                });
        List<String> restColumns = new ArrayList<>(List.of("stability"));
        restColumns.addAll(types);
        CsvFiles.write(dir.resolve("rest-points.csv"), comments, restColumns, printer -> {
            for (Rest r : replicator.restPoints()) {
                List<Object> record = new ArrayList<>(List.of(r.stability()));
                for (double x : r.shares()) {
                    record.add(x);
                }
                printer.printRecord(record);
            }
        });
        List<String> trajectoryColumns = new ArrayList<>(List.of("time"));
        trajectoryColumns.addAll(types);
        CsvFiles.write(dir.resolve("trajectory.csv"), comments, trajectoryColumns, printer -> {
            for (int k = 0; k < replicator.times().length; k++) {
                List<Object> record = new ArrayList<>(List.of(replicator.times()[k]));
                for (double x : replicator.shares()[k]) {
                    record.add(x);
                }
                printer.printRecord(record);
            }
        });
    }

    /** Fixation probability times N of each row mutant in each column population, as a heatmap. */
    HeatMapChart fixationChart() {
        int n = types.size();
        HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(640, 260 + 75 * n)).height(200 + 45 * n)
                .title("fixation x N (N = " + moran.population() + ", w = " + NumberText.format(config().w()) + ", "
                        + config().fitness() + "): row mutant, column resident")
                .xAxisTitle("resident type").yAxisTitle("mutant type").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setHeatMapValueDecimalPattern("0.00");
        chart.getStyler().setXAxisLabelRotation(45);
        double max = 2;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    max = Math.max(max, moran.fixation()[i][j] * moran.population());
                }
            }
        }
        max = Math.ceil(max * 100 + 1e-6) / 100;
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(max);
        chart.getStyler().setRangeColors(neutralWhiteGradient(max));
        List<Number[]> cells = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(types.get(n - 1 - i));
            for (int j = 0; j < n; j++) {
                int row = n - 1 - i;
                double v = row == j ? 1.0 : moran.fixation()[row][j] * moran.population();
                cells.add(new Number[] {j, i, v});
            }
        }
        chart.addSeries("fixation x N", types, rows, cells);
        return chart;
    }

    /**
     * Colours evenly spaced over [0, max] (as XChart spreads them) that run from blue at 0 through white at 1
     * (neutral: fixation at 1/N) to red at max, so that the colour says which side of neutral a cell is on.
     */
    private static Color[] neutralWhiteGradient(double max) {
        Color blue = new Color(0x2166ac);
        Color white = new Color(0xf7f7f7);
        Color red = new Color(0xb2182b);
        Color[] colours = new Color[101];
        for (int k = 0; k <= 100; k++) {
            double v = max * k / 100;
            colours[k] = v < 1 ? mix(blue, white, v) : mix(white, red, (v - 1) / (max - 1));
        }
        return colours;
    }

    private static Color mix(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
    }

    /** The replicator trajectory: a simplex for three types, shares over time otherwise. */
    XYChart replicatorChart() {
        int n = types.size();
        Config c = config();
        String title = "replicator dynamics (" + c.dynamics() + ") from " + (c.start() == null ? "uniform"
                : formatShares(c.start()));
        if (n == 3) {
            return simplexChart(title);
        }
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title)
                .xAxisTitle(c.dynamics().equals("discrete") ? "generation" : "time").yAxisTitle("share").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(0);
        for (int i = 0; i < n; i++) {
            double[] y = new double[replicator.times().length];
            for (int k = 0; k < y.length; k++) {
                y[k] = replicator.shares()[k][i];
            }
            chart.addSeries(types.get(i), replicator.times(), y).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    private XYChart simplexChart(String title) {
        XYChart chart = new XYChartBuilder().width(700).height(660).title(title).xAxisTitle("").yAxisTitle("")
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setAxisTicksVisible(false);
        chart.getStyler().setPlotGridLinesVisible(false);
        double[] ex = new double[4];
        double[] ey = new double[4];
        for (int k = 0; k < 4; k++) {
            double[] xy = corner(k % 3);
            ex[k] = xy[0];
            ey[k] = xy[1];
        }
        chart.addSeries("simplex: " + types.get(0) + " bottom left, " + types.get(1) + " bottom right, "
                + types.get(2) + " top", ex, ey).setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY);
        int samples = replicator.times().length;
        double[] tx = new double[samples];
        double[] ty = new double[samples];
        for (int k = 0; k < samples; k++) {
            double[] xy = project(replicator.shares()[k]);
            tx[k] = xy[0];
            ty[k] = xy[1];
        }
        chart.addSeries("trajectory", tx, ty).setMarker(SeriesMarkers.NONE).setLineColor(Color.BLACK);
        for (String stability : List.of("stable", "unstable", "undecided")) {
            List<Double> px = new ArrayList<>();
            List<Double> py = new ArrayList<>();
            for (Rest r : replicator.restPoints()) {
                if (r.stability().equals(stability)) {
                    double[] xy = project(r.shares());
                    px.add(xy[0]);
                    py.add(xy[1]);
                }
            }
            if (!px.isEmpty()) {
                XYSeries s = chart.addSeries(stability + " rest points", px, py);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(stability.equals("stable") ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
                s.setMarkerColor(stability.equals("stable") ? new Color(0x1a9850) : stability.equals("unstable")
                        ? new Color(0xd73027) : new Color(0x4575b4));
            }
        }
        return chart;
    }

    private static double[] corner(int k) {
        return k == 0 ? new double[] {0, 0} : k == 1 ? new double[] {1, 0} : new double[] {0.5, Math.sqrt(3) / 2};
    }

    /** Barycentric to Cartesian on the triangle of {@link #corner}. */
    private static double[] project(double[] x) {
        double px = 0;
        double py = 0;
        for (int k = 0; k < 3; k++) {
            double[] c = corner(k);
            px += x[k] * c[0];
            py += x[k] * c[1];
        }
        return new double[] {px, py};
    }

    private static String formatShares(double[] x) {
        List<String> parts = new ArrayList<>();
        for (double v : x) {
            parts.add(NumberText.format(v));
        }
        return String.join(", ", parts);
    }
}
