package dev.opshape.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opshape.cli.option.Choices;
import dev.opshape.cli.option.GameOptions;
import dev.opshape.cli.option.LearningOptions;
import dev.opshape.cli.option.NoiseOption;
import dev.opshape.cli.option.NumberArguments;
import dev.opshape.cli.option.OutputDirectory;
import dev.opshape.cli.option.OutputOptions;
import dev.opshape.cli.option.RosterOptions;
import dev.opshape.cli.option.RunOptions;
import dev.opshape.cli.output.ChartFiles;
import dev.opshape.cli.output.Manifest;
import dev.opshape.cli.output.ProgressDisplay;
import dev.opshape.shaping.population.FitnessMap;
import dev.opshape.shaping.population.MoranProcess;
import dev.opshape.shaping.population.ReplicatorDynamics;
import dev.opshape.shaping.tournament.PayoffMatrix;
import dev.opshape.shaping.tournament.Tournament;
import dev.opshape.shaping.tournament.TournamentConfig;
import dev.opshape.shaping.tournament.TournamentListener;
import dev.opshape.shaping.tournament.TournamentResult;
import dev.opshape.tabular.io.StrictJsonFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code opshape evolve}: population dynamics over a tournament's payoff matrix, the Moran process (exact fixation
 * probabilities, the rare-mutation stationary distribution, optional seeded simulations) and replicator dynamics
 * (rest points with their stability, a trajectory), with text, JSON, CSV and plots.
 */
@Command(name = "evolve",
        mixinStandardHelpOptions = true,
        description = {
            "Population dynamics over the payoff matrix of a tournament: plays the tournament given by the roster "
                    + "options (as 'opshape tournament' does) or reads one saved with 'opshape tournament --json' "
                    + "(--tournament FILE), then takes a[i][j], agent i's mean average reward per move against j, "
                    + "self-play on the diagonal.",
            "Moran process (Nowak 2006): N individuals, each meeting every other once; fitness 1 - w + w pi "
                    + "(linear) or exp(w pi) (exponential). Reports the exact probability that one mutant of type "
                    + "i takes over a population of type j (times N: above 1 is favoured by selection) and the "
                    + "long-run share of every type as mutations become rare (Fudenberg and Imhof 2006); with "
                    + "--mutation MU also simulated shares, with --trials K simulated fixation probabilities.",
            "Replicator dynamics (Taylor and Jonker 1978): every rest point with its first-order stability, and "
                    + "the trajectory from --start."
        })
public final class EvolveCommand implements Callable<Integer> {

    /** Largest number of simulated fixation trials over all ordered pairs, checked before work starts. */
    static final long MAX_TRIALS = 20_000_000L;
    /** Largest number of simulated Moran steps over all replicates. */
    static final long MAX_STEPS = 2_000_000_000L;

    @Spec
    private CommandSpec spec;

    @Mixin
    private GameOptions gameOptions;

    @Mixin
    private NoiseOption noise;

    @Mixin
    private RunOptions run;

    @Mixin
    private OutputOptions output;

    @Mixin
    private LearningOptions learning;

    @Mixin
    private RosterOptions roster;

    @Option(names = "--tournament", paramLabel = "FILE",
            description = "Read the payoff matrix from a tournament saved with 'opshape tournament --json' instead "
                    + "of playing one (the roster, game and learning options are then not used).")
    private Path tournament;

    @Option(names = "--population", paramLabel = "N", defaultValue = "100",
            converter = NumberArguments.WholeNumber.class,
            description = "Moran population size N, 2 <= N <= " + MoranProcess.MAX_POPULATION
                    + ". Default: ${DEFAULT-VALUE}.")
    private int population;

    @Option(names = "--w", paramLabel = "W", defaultValue = "0.1", converter = NumberArguments.FiniteNumber.class,
            description = "Intensity of selection: in [0, 1] for the linear fitness map (0 is neutral drift), >= 0 "
                    + "for the exponential one. Default: ${DEFAULT-VALUE} (weak selection, where the linear map "
                    + "stays positive for every built-in game).")
    private double w;

    @Option(names = "--fitness", paramLabel = "linear|exponential", defaultValue = "linear",
            converter = FitnessConverter.class,
            description = "Fitness map: linear, 1 - w + w pi (Nowak's), or exponential, exp(w pi) (positive for any "
                    + "payoff). Default: ${DEFAULT-VALUE}.")
    private FitnessMap fitness;

    @Option(names = "--mutation", paramLabel = "MU", defaultValue = "0",
            converter = NumberArguments.FiniteNumber.class,
            description = "Also simulate the Moran process with mutation probability MU per birth, 0 < MU <= 1, and "
                    + "report each type's share with a 95%% interval over --replicates runs of --generations steps. "
                    + "Default: ${DEFAULT-VALUE} (no simulation).")
    private double mutation;

    @Option(names = "--generations", paramLabel = "STEPS", defaultValue = "100000",
            converter = NumberArguments.WholeNumber.class,
            description = "Moran steps per replicate of the mutation simulation, after a burn-in of a tenth as "
                    + "many. Default: ${DEFAULT-VALUE}.")
    private int generations;

    @Option(names = "--replicates", paramLabel = "R", defaultValue = "10",
            converter = NumberArguments.WholeNumber.class,
            description = "Independent replicates of the mutation simulation, >= 2. Default: ${DEFAULT-VALUE}.")
    private int replicates;

    @Option(names = "--trials", paramLabel = "K", defaultValue = "0", converter = NumberArguments.WholeNumber.class,
            description = "Also simulate K fixation trials for every ordered pair of types and report the estimate "
                    + "with its 95%% interval beside the exact value. Default: ${DEFAULT-VALUE} (none).")
    private int trials;

    @Option(names = "--dynamics", paramLabel = "continuous|discrete", defaultValue = "continuous",
            converter = DynamicsConverter.class,
            description = "Replicator dynamics: continuous (dx_i/dt = x_i ((a x)_i - x . a x)) or discrete (x_i' = "
                    + "x_i (a x)_i / x . a x, positive payoffs only). Default: ${DEFAULT-VALUE}.")
    private Dynamics dynamics;

    @Option(names = "--start", paramLabel = "uniform|X1,X2,...", defaultValue = "uniform",
            description = "Start of the replicator trajectory: uniform, or one share per type (in roster order), "
                    + "summing to 1. Default: ${DEFAULT-VALUE}.")
    private String start;

    @Option(names = "--time", paramLabel = "T", defaultValue = "100", converter = NumberArguments.FiniteNumber.class,
            description = "Length of the replicator trajectory: time for the continuous dynamics, generations for "
                    + "the discrete one. Default: ${DEFAULT-VALUE}.")
    private double time;

    @Option(names = "--csv", paramLabel = "DIR",
            description = "Write types.csv (shares), fixation.csv (every ordered pair), rest-points.csv and "
                    + "trajectory.csv into DIR (created if missing).")
    private Path csv;

    @Option(names = "--plot", paramLabel = "DIR",
            description = "Write the fixation heatmap and the replicator trajectory (a simplex for three types, "
                    + "shares over time otherwise), as PNG and SVG, into DIR (created if missing).")
    private Path plot;

    /** The replicator dynamics' kind. */
    enum Dynamics { CONTINUOUS, DISCRETE }

    @Override
    public Integer call() throws IOException {
        checkLimits();
        Path csvDir = csv == null ? null : OutputDirectory.prepare(spec.commandLine(), "--csv", csv, "types.csv",
                "fixation.csv", "rest-points.csv", "trajectory.csv");
        Path plotDir = plot == null ? null : OutputDirectory.prepare(spec.commandLine(), "--plot", plot,
                "fixation.png", "fixation.svg", "replicator.png", "replicator.svg");
        Manifest manifest = Manifest.of(spec, EvolveReport.SCHEMA);
        String source;
        List<String> names;
        double[][] payoff;
        if (tournament != null) {
            source = tournament.toString();
            JsonNode matrix = readTournament(tournament);
            names = new ArrayList<>();
            matrix.get("agents").forEach(n -> names.add(n.asText()));
            payoff = new double[names.size()][names.size()];
            for (int i = 0; i < names.size(); i++) {
                for (int j = 0; j < names.size(); j++) {
                    payoff[i][j] = matrix.get("mean").get(i).get(j).asDouble();
                }
            }
            checkSimulationCost(names.size());
        } else {
            TournamentConfig config = roster.config(spec.commandLine(), noise.apply(gameOptions.iteratedGame()),
                    learning, run);
            // The simulations' cost is known from the roster: refuse it before the tournament is played.
            checkSimulationCost(config.roster().size());
            TournamentResult result;
            try (ProgressDisplay progress = ProgressDisplay.open(run.quiet(), "tournament", config.totalUpdates(),
                    "updates")) {
                result = Tournament.run(config, TournamentListener.NONE, progress);
            }
            source = config.game().game().name() + " tournament (" + config.repetitions() + " repetitions of "
                    + config.steps() + " updates, seed " + config.seed() + ")";
            PayoffMatrix p = result.payoffs();
            names = p.names();
            payoff = new double[p.size()][p.size()];
            for (int i = 0; i < p.size(); i++) {
                for (int j = 0; j < p.size(); j++) {
                    payoff[i][j] = p.mean(i, j);
                }
            }
        }
        if (names.size() < 2) {
            throw bad("--agents", names.size() + " type; population dynamics need at least 2");
        }
        MoranProcess moran;
        try {
            moran = new MoranProcess(payoff, population, w, fitness);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage().startsWith("population") ? "--population" : "--w", e.getMessage());
        }
        double[] initial = startShares(names.size());
        ReplicatorDynamics replicator = new ReplicatorDynamics(payoff);
        EvolveReport report;
        try {
            report = EvolveReport.of(manifest, source, names, payoff, moran, w, fitness, mutation, generations,
                    replicates, trials, run.seed(), replicator, dynamics == Dynamics.DISCRETE, initial, time);
        } catch (IllegalArgumentException e) {
            // The discrete map meets a non-positive payoff only while it runs; anything else is not bad input.
            if (dynamics != Dynamics.DISCRETE) {
                throw e;
            }
            throw bad("--dynamics", e.getMessage());
        }
        if (csvDir != null) {
            report.writeCsv(csvDir);
        }
        if (plotDir != null) {
            for (String extension : List.of(".png", ".svg")) {
                ChartFiles.save(report.fixationChart(), plotDir.resolve("fixation" + extension));
                ChartFiles.save(report.replicatorChart(), plotDir.resolve("replicator" + extension));
            }
        }
        output.print(report);
        return 0;
    }

    private void checkLimits() {
        if (population < 2 || population > MoranProcess.MAX_POPULATION) {
            throw bad("--population", population + " is outside [2, " + MoranProcess.MAX_POPULATION + "]");
        }
        if (!(mutation >= 0 && mutation <= 1)) {
            throw bad("--mutation", mutation + " is outside [0, 1]");
        }
        if (replicates < 2) {
            throw bad("--replicates", replicates + " is below 2");
        }
        if (generations < 1) {
            throw bad("--generations", generations + " is below 1");
        }
        if (mutation > 0 && (long) replicates * (generations + generations / 10) > MAX_STEPS) {
            throw bad("--generations", (long) replicates * generations + " simulated steps over " + replicates
                    + " replicates; at most " + MAX_STEPS);
        }
        if (trials != 0 && trials < 2) {
            throw bad("--trials", trials + "; give 0 (no simulation) or at least 2");
        }
        if (!(time > 0) || time > 1e6) {
            throw bad("--time", time + " is outside (0, 1000000]");
        }
    }

    /**
     * Refuses simulations whose cost is out of reach before they start: a fixation trial lasts about N ln N steps
     * (most mutants are lost within a few; the ones that fix take longer), a mutation step costs n^2 operations.
     */
    private void checkSimulationCost(int types) {
        long pairs = (long) types * (types - 1);
        double fixationSteps = (double) trials * pairs * population * Math.max(1, Math.log(population));
        if (trials > 0 && fixationSteps > MAX_STEPS) {
            throw bad("--trials", trials + " trials of " + pairs + " type pairs in a population of " + population
                    + " take about " + String.format(Locale.ROOT, "%.3g", fixationSteps) + " steps; at most "
                    + MAX_STEPS + " (lower --trials or --population)");
        }
        double mutationWork = mutation > 0 ? (double) replicates * (generations + generations / 10) * types * types
                : 0;
        if (mutationWork > 10.0 * MAX_STEPS) {
            throw bad("--generations", replicates + " replicates of " + generations + " steps over " + types
                    + " types take about " + String.format(Locale.ROOT, "%.3g", mutationWork) + " operations; at most "
                    + 10.0 * MAX_STEPS + " (lower --generations or --replicates)");
        }
    }

    private double[] startShares(int n) {
        if (start.trim().equalsIgnoreCase("uniform")) {
            double[] x = new double[n];
            Arrays.fill(x, 1.0 / n);
            return x;
        }
        String[] parts = start.split(",", -1);
        if (parts.length != n) {
            throw bad("--start", start + " has " + parts.length + " shares; this population has " + n + " types");
        }
        double[] x = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            try {
                x[i] = NumberArguments.parseNumber(parts[i].trim(), false);
            } catch (RuntimeException e) {
                throw bad("--start", "share " + (i + 1) + " '" + parts[i] + "' is not a number");
            }
            if (!(x[i] >= 0 && x[i] <= 1)) {
                throw bad("--start", "share " + (i + 1) + " = " + x[i] + " is outside [0, 1]");
            }
            sum += x[i];
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw bad("--start", "the shares sum to " + sum + "; they must sum to 1");
        }
        return x;
    }

    /** The matrix object of a saved tournament, checked: schema, square, finite, names. */
    private JsonNode readTournament(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(StrictJsonFormat.readFile(file, "--tournament"));
        } catch (IOException | RuntimeException e) {
            throw bad("--tournament", file + ": " + firstLine(e.getMessage()));
        }
        if (root == null || !TournamentReport.SCHEMA.equals(root.at("/manifest/schema").asText())) {
            throw bad("--tournament", file + " is not an opshape tournament document (manifest.schema "
                    + TournamentReport.SCHEMA + "); write one with 'opshape tournament --json > FILE'");
        }
        JsonNode matrix = root.get("matrix");
        JsonNode agents = matrix == null ? null : matrix.get("agents");
        JsonNode mean = matrix == null ? null : matrix.get("mean");
        if (agents == null || !agents.isArray() || mean == null || !mean.isArray() || mean.size() != agents.size()) {
            throw bad("--tournament", file + ": matrix.agents and matrix.mean must be a list of names and a square "
                    + "matrix of the same size");
        }
        for (int i = 0; i < mean.size(); i++) {
            JsonNode row = mean.get(i);
            if (!row.isArray() || row.size() != agents.size()) {
                throw bad("--tournament", file + ": row " + (i + 1) + " of matrix.mean has "
                        + (row.isArray() ? row.size() : 0) + " entries, not " + agents.size());
            }
            for (JsonNode v : row) {
                if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                    throw bad("--tournament", file + ": matrix.mean holds " + v + ", not a finite number");
                }
            }
        }
        return matrix;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private ParameterException bad(String option, String message) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + message);
    }

    /** linear or exponential, with the allowed values in the message. */
    static final class FitnessConverter implements ITypeConverter<FitnessMap> {
        @Override
        public FitnessMap convert(String value) {
            return Choices.parse(value, FitnessMap.values());
        }
    }

    /** continuous or discrete, with the allowed values in the message. */
    static final class DynamicsConverter implements ITypeConverter<Dynamics> {
        @Override
        public Dynamics convert(String value) {
            return Choices.parse(value, Dynamics.values());
        }
    }
}
