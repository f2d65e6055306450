package dev.opshape.cli.command;

import dev.opshape.cli.option.OutputDirectory;
import dev.opshape.cli.option.OutputOptions;
import dev.opshape.cli.output.Manifest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code opshape curves LABEL=FILE...}: the learning curves of several training experiments ({@code opshape train
 * --csv FILE}, each with any number of runs) side by side: per configuration the final joint score, the agreement
 * with the exact direction and the replay buffer's effective sample size, as means over runs with standard errors,
 * and with {@code --plot DIR} one plot per measure against the update (mean over runs, band of one standard error).
 * It reads files only, so it runs in a moment; bad files are refused with one line before anything is written.
 */
@Command(name = "curves",
        mixinStandardHelpOptions = true,
        description = {
            "Compares the learning curves of training experiments written by 'opshape train --csv FILE' "
                    + "(with --compare-exact for the agreement with the exact direction): per configuration the "
                    + "final joint score (mean over both agents of the average reward per move, over the last "
                    + "--last updates), the mean Pearson correlation with the exact direction and the mean "
                    + "effective sample size of replayed estimates, each as mean (standard error) over runs; with "
                    + "--plot DIR, score.png, corr.png and ess.png against the update with a band of one standard "
                    + "error over runs."
        })
public final class CurvesCommand implements Callable<Integer> {

    /** Schema name of the JSON document. */
    public static final String SCHEMA = "opshape-curves/1";
    /** Largest curve file read. */
    static final long MAX_FILE_BYTES = 1L << 30;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "LABEL=FILE", arity = "1..*",
            description = "A configuration's name and its training CSV (for example original=original.csv); "
                    + "without 'LABEL=' the file name is the label.")
    private List<String> inputs;

    /** The final score's updates when --last is not given (fewer if the runs are shorter). */
    static final int DEFAULT_LAST = 50;

    @Option(names = "--last", paramLabel = "N",
            description = "Updates at the end of each run that the final score averages (default: 50, or every "
                    + "update of shorter runs).")
    private Integer last;

    @Option(names = "--plot", paramLabel = "DIR",
            description = "Write score.png, and corr.png and ess.png where the files have those columns, to DIR "
                    + "(created if missing).")
    private Path plot;

    @Option(names = "--smooth", paramLabel = "W", defaultValue = "1",
            description = "Plot each line and band as the moving average over the last W updates (default: "
                    + "${DEFAULT-VALUE}, no smoothing); the table is not smoothed.")
    private int smooth;

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() throws IOException {
        if (smooth < 1) {
            throw bad("--smooth", smooth + " must be >= 1");
        }
        if (last != null && last < 1) {
            throw bad("--last", last + " must be >= 1");
        }
        List<CurvesReport.Curves> curves = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (String input : inputs) {
            int eq = input.indexOf('=');
            String label = eq > 0 ? input.substring(0, eq) : Path.of(input).getFileName().toString();
            Path file = Path.of(eq > 0 ? input.substring(eq + 1) : input);
            if (!labels.add(label)) {
                throw bad("LABEL=FILE", "label '" + label + "' is given twice");
            }
            curves.add(read(label, file));
        }
        Path plotDir = plot == null ? null : OutputDirectory.prepare(spec.commandLine(), "--plot", plot,
                "score.png", "corr.png", "ess.png");
        int averaged = last != null ? last : DEFAULT_LAST;
        for (CurvesReport.Curves c : curves) {
            averaged = Math.min(averaged, c.updates());
        }
        CurvesReport report = CurvesReport.of(Manifest.of(spec, SCHEMA), curves, averaged);
        if (plotDir != null) {
            report.writePlots(plotDir, smooth);
        }
        output.print(report);
        return 0;
    }

    /** Reads one training CSV: its runs' joint score, correlation and effective sample size per update. */
    private CurvesReport.Curves read(String label, Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw bad("LABEL=FILE", file + " cannot be read: " + (Files.exists(file) ? "it is not a regular "
                        + "file" : "no such file"));
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw bad("LABEL=FILE", file + " has " + Files.size(file) + " bytes; at most " + MAX_FILE_BYTES
                        + " are read");
            }
            CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader()
                    .setSkipHeaderRecord(true).build();
            TreeMap<Integer, List<double[]>> runs = new TreeMap<>();
            boolean hasCorr;
            boolean hasEss;
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 CSVParser parser = CSVParser.parse(reader, format)) {
                List<String> header = parser.getHeaderNames();
                for (String column : List.of("run", "update", "avgReward1", "avgReward2")) {
                    if (!header.contains(column)) {
                        throw bad("LABEL=FILE", file + " is not a training CSV of 'opshape train --csv' (no column '"
                                + column + "')");
                    }
                }
                hasCorr = header.contains("corr1") && header.contains("corr2");
                hasEss = header.contains("ess1") && header.contains("ess2");
                for (CSVRecord row : parser) {
                    int run = integer(file, row, "run");
                    int update = integer(file, row, "update");
                    List<double[]> points = runs.computeIfAbsent(run, r -> new ArrayList<>());
                    if (update != points.size()) {
                        throw bad("LABEL=FILE", file + " line " + parser.getCurrentLineNumber() + ": run " + run
                                + " has update " + update + " where " + points.size() + " was expected");
                    }
                    double score = (number(file, row, "avgReward1") + number(file, row, "avgReward2")) / 2;
                    double corr = hasCorr ? meanOfAgents(file, row, "corr1", "corr2") : Double.NaN;
                    double ess = hasEss ? meanOfAgents(file, row, "ess1", "ess2") : Double.NaN;
                    points.add(new double[] {score, corr, ess});
                }
            }
            if (runs.isEmpty()) {
                throw bad("LABEL=FILE", file + " holds no runs");
            }
            int updates = runs.firstEntry().getValue().size() - 1;
            for (var entry : runs.entrySet()) {
                if (entry.getValue().size() - 1 != updates) {
                    throw bad("LABEL=FILE", file + ": run " + entry.getKey() + " has " + (entry.getValue().size() - 1)
                            + " updates, run " + runs.firstKey() + " has " + updates);
                }
            }
            if (last != null && updates < last) {
                throw bad("--last", last + " is more than the " + updates + " updates of " + file);
            }
            if (updates < 1) {
                throw bad("LABEL=FILE", file + " has runs of 0 updates: there is no final score to compare");
            }
            double[][][] values = new double[3][runs.size()][updates + 1];
            int r = 0;
            for (List<double[]> points : runs.values()) {
                for (int u = 0; u <= updates; u++) {
                    for (int m = 0; m < 3; m++) {
                        values[m][r][u] = points.get(u)[m];
                    }
                }
                r++;
            }
            return new CurvesReport.Curves(label, file.toString(), values[0], hasCorr ? values[1] : null,
                    hasEss ? values[2] : null);
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            if (e instanceof ParameterException p) {
                throw p;
            }
            throw bad("LABEL=FILE", file + " cannot be read as a training CSV: " + e.getMessage());
        }
    }

    /** The mean of the two agents' values that are numbers (NaN if neither is; empty in the row of update 0). */
    private double meanOfAgents(Path file, CSVRecord row, String first, String second) {
        double sum = 0;
        int n = 0;
        for (String column : List.of(first, second)) {
            String text = row.get(column);
            if (!text.isEmpty()) {
                double v = number(file, row, column);
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private int integer(Path file, CSVRecord row, String column) {
        try {
            return Integer.parseInt(row.get(column));
        } catch (NumberFormatException e) {
            throw bad("LABEL=FILE", file + " line " + row.getRecordNumber() + ": " + column + " '" + row.get(column)
                    + "' is not an integer");
        }
    }

    private double number(Path file, CSVRecord row, String column) {
        try {
            return Double.parseDouble(row.get(column));
        } catch (NumberFormatException e) {
            throw bad("LABEL=FILE", file + " line " + row.getRecordNumber() + ": " + column + " '" + row.get(column)
                    + "' is not a number");
        }
    }

    private ParameterException bad(String option, String message) {
        return new ParameterException(spec.commandLine(), "Invalid value for " + (option.startsWith("-")
                ? "option '" + option + "'" : option) + ": " + message);
    }
}
