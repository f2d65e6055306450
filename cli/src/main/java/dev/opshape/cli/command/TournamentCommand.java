package dev.opshape.cli.command;

import dev.opshape.cli.BuildVersion;
import dev.opshape.cli.option.Choices;
import dev.opshape.cli.option.GameOptions;
import dev.opshape.cli.option.LearningOptions;
import dev.opshape.cli.option.NoiseOption;
import dev.opshape.cli.option.OutputDirectory;
import dev.opshape.cli.option.OutputOptions;
import dev.opshape.cli.option.RosterOptions;
import dev.opshape.cli.option.RunOptions;
import dev.opshape.cli.option.ShardOptions;
import dev.opshape.cli.output.AtomicFileWriter;
import dev.opshape.cli.output.ChartFiles;
import dev.opshape.cli.output.CsvFiles;
import dev.opshape.cli.output.Manifest;
import dev.opshape.cli.output.ProgressDisplay;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.tournament.PairingCurves;
import dev.opshape.shaping.tournament.RankBy;
import dev.opshape.shaping.tournament.Ranking;
import dev.opshape.shaping.tournament.RunOutcome;
import dev.opshape.shaping.tournament.Tournament;
import dev.opshape.shaping.tournament.TournamentConfig;
import dev.opshape.shaping.tournament.TournamentListener;
import dev.opshape.shaping.tournament.TournamentResult;
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
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code opshape tournament}: a round robin of learning agents and fixed strategies with exact outcomes, standings,
 * the payoff matrix, CSV files and plots. With no options it runs the default roster on the IPD.
 */
@Command(name = "tournament",
        mixinStandardHelpOptions = true,
        description = {
            "Every pairing of the roster (self-play included) is played R times; both agents learn simultaneously "
                    + "for N updates (fixed strategies do not change), and the outcome of a run is the EXACT "
                    + "average reward per move of the final policies. Repetition r of every pairing starts from "
                    + "the same seeded logits. Standings rank agents by mean payoff over opponents, with 95%% "
                    + "confidence intervals over repetitions.",
            "gamma acts as the continuation probability: another move follows with probability gamma, so (1 - "
                    + "gamma) V is the expected payoff per move of a game of geometric length.",
            "With --noise E every intended action trembles to another with probability E; every learner learns in "
                    + "the noisy game (exact learners from its exact gradients, sampled agents est=dice, est=lvc from "
                    + "its trajectories) and payoffs are its exact values."
        })
public final class TournamentCommand implements Callable<Integer> {

    /** The default roster (see {@link RosterOptions#DEFAULT_ROSTER}). */
    public static final String DEFAULT_ROSTER = RosterOptions.DEFAULT_ROSTER;

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

    @Option(names = "--rank", paramLabel = "mean|median", defaultValue = "mean",
            converter = RankConverter.class,
            description = "Rank the standings by the mean (with its 95%% interval) or the median (Axelrod's ranking) "
                    + "over repetitions of each agent's payoff. Default: ${DEFAULT-VALUE}.")
    private RankBy rankBy;

    @Option(names = "--self-play", paramLabel = "include|exclude", defaultValue = "include",
            converter = SelfPlayConverter.class,
            description = "Count each agent's match against itself in its payoff, cooperation and eigen ratings "
                    + "(include: a population of learners meets itself) or not (exclude: Axelrod's scoring). "
                    + "Self-play is always played and shown in the matrix. Default: ${DEFAULT-VALUE}.")
    private SelfPlay selfPlay;

    @Mixin
    private ShardOptions sharding;

    /** The runs of every shard, in streaming order, set by {@code opshape merge} instead of playing them. */
    private List<RunOutcome> replay;

    @Option(names = "--csv", paramLabel = "DIR",
            description = "Write standings.csv, scores.csv (per agent and repetition), pairs.csv (cooperation, score "
                    + "difference, good partner and state distribution per pair), pairings.csv, matrix.csv and "
                    + "runs.csv (one row per run, streamed while the tournament runs) into DIR (created if "
                    + "missing).")
    private Path csv;

    @Option(names = "--plot", paramLabel = "DIR",
            description = "Write, as PNG and SVG into DIR (created if missing): the payoff (and its sd over "
                    + "repetitions), score-difference and cooperation heatmaps, the standings with their intervals, "
                    + "box and violin plots of each agent's per-repetition payoff, box plots of its matches won, and "
                    + "each learner's learning "
                    + "curves against every opponent (curves-I for the I-th agent; recording them costs one exact "
                    + "evaluation per update).")
    private Path plot;

    @Override
    public Integer call() throws IOException {
        IteratedGame game = noise.apply(gameOptions.iteratedGame());
        TournamentConfig config = roster.config(spec.commandLine(), game, learning, run);
        if (sharding.active()) {
            return playShard(config);
        }
        Path csvDir = csv == null ? null : OutputDirectory.prepare(spec.commandLine(), "--csv", csv,
                "standings.csv", "scores.csv", "pairs.csv", "pairings.csv", "matrix.csv", "runs.csv");
        List<String> plotFiles = new ArrayList<>(List.of("payoffs.png", "payoffs.svg", "payoff-sd.png",
                "payoff-sd.svg", "standings.png", "standings.svg", "score-differences.png", "score-differences.svg",
                "cooperation.png", "cooperation.svg", "scores.png", "scores.svg", "score-violins.png",
                "score-violins.svg", "wins.png", "wins.svg"));
        List<Integer> learners = new ArrayList<>();
        for (int i = 0; i < config.roster().size(); i++) {
            if (config.roster().get(i).rule().learns() && config.steps() > 0) {
                learners.add(i);
                plotFiles.add("curves-" + (i + 1) + ".png");
                plotFiles.add("curves-" + (i + 1) + ".svg");
            }
        }
        Path plotDir = plot == null ? null : OutputDirectory.prepare(spec.commandLine(), "--plot", plot,
                plotFiles.toArray(String[]::new));
        // Learning curves cost one exact evaluation per update: recorded only for the plots.
        PairingCurves curves = plotDir == null || learners.isEmpty() ? null : new PairingCurves(config);
        // The seed now, so that the streamed runs.csv records it as the other files do.
        Manifest manifest = Manifest.of(spec, TournamentReport.SCHEMA).withRun(config.seed(), null);

        TournamentResult result;
        try (ProgressDisplay progress = ProgressDisplay.open(run.quiet(), "tournament",
                config.totalUpdates(), "updates")) {
            TournamentListener curveListener = curves == null ? TournamentListener.NONE : curves;
            if (replay != null && curves != null && !replay.isEmpty() && replay.get(0).curve() == null) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--plot': the shards were "
                        + "played without --plot, so they hold no learning curves; play them with --plot");
            }
            if (csvDir == null) {
                result = play(config, curveListener, progress, curves != null);
            } else {
                result = runStreamingRuns(config, csvDir.resolve("runs.csv"), manifest, progress, curveListener,
                        curves != null);
            }
        }
        TournamentReport report = TournamentReport.of(manifest, result, learning.eta(),
                new Ranking(rankBy, selfPlay == SelfPlay.INCLUDE));
        if (csvDir != null) {
            report.writeCsv(csvDir);
        }
        if (plotDir != null) {
            for (String extension : List.of(".png", ".svg")) {
                ChartFiles.save(report.heatmap(), plotDir.resolve("payoffs" + extension));
                ChartFiles.save(report.payoffSdHeatmap(), plotDir.resolve("payoff-sd" + extension));
                ChartFiles.save(report.standingsChart(), plotDir.resolve("standings" + extension));
                ChartFiles.save(report.scoreDifferenceHeatmap(), plotDir.resolve("score-differences" + extension));
                ChartFiles.save(report.cooperationHeatmap(), plotDir.resolve("cooperation" + extension));
                ChartFiles.save(report.scoresBoxChart(), plotDir.resolve("scores" + extension));
                ChartFiles.save(report.scoresViolinChart(), plotDir.resolve("score-violins" + extension));
                ChartFiles.save(report.winsBoxChart(), plotDir.resolve("wins" + extension));
                for (int i : learners) {
                    ChartFiles.save(report.curvesChart(config, curves, i), plotDir.resolve("curves-" + (i + 1)
                            + extension));
                }
            }
        }
        output.print(report);
        return 0;
    }

    /**
     * Runs the tournament while writing runs.csv: each run's row is written as soon as it is released (in
     * deterministic order), into a temporary file that replaces runs.csv only when the tournament finished.
     */
    private TournamentResult runStreamingRuns(TournamentConfig config, Path file, Manifest manifest,
                                              ProgressDisplay progress, TournamentListener also,
                                              boolean curves) throws IOException {
        TournamentResult[] result = new TournamentResult[1];
        CsvFiles.stream(file, manifest.commentLines(), TournamentReport.RUN_COLUMNS, rows ->
                result[0] = play(config, outcome -> {
                    rows.accept(TournamentReport.runRow(config, outcome));
                    also.runFinished(outcome);
                }, progress, curves));
        return result[0];
    }

    /** Plays the tournament, or, for a merge, replays the shards' runs through the same listeners. */
    private TournamentResult play(TournamentConfig config, TournamentListener listener, ProgressDisplay progress,
                                  boolean curves) {
        if (replay == null) {
            return Tournament.run(config, listener, progress, curves);
        }
        TournamentResult result = Tournament.replay(config, replay, listener);
        progress.advanced(config.totalUpdates());
        return result;
    }

    /** The tournament of this command's options, for {@code opshape merge} (which replays its runs). */
    TournamentConfig configForMerge() {
        return roster.config(spec.commandLine(), noise.apply(gameOptions.iteratedGame()), learning, run);
    }

    /** Sets the runs of every shard (streaming order) for {@code opshape merge}. */
    void replay(List<RunOutcome> runs) {
        this.replay = List.copyOf(runs);
    }

    /** Plays shard I of N and writes its runs to --out. */
    private int playShard(TournamentConfig config) throws IOException {
        int index = sharding.index();
        int count = sharding.count();
        Path file = sharding.out();
        List<RunOutcome> played = new ArrayList<>();
        int first = index - 1;
        int shardRuns = config.runs() > first ? (config.runs() - first + count - 1) / count : 0;
        try (ProgressDisplay progress = ProgressDisplay.open(run.quiet(), "shard " + index + "/" + count,
                (long) shardRuns * config.steps(), "updates")) {
            Tournament.playShard(config, first, count, played::add, progress, plot != null);
        }
        AtomicFileWriter.writeString(file, TournamentShard.write(BuildVersion.version(), sharding.commandLine(),
                index, count, config.runs(), played));
        System.out.println("shard " + index + " of " + count + ": " + played.size() + " of " + config.runs()
                + " runs written to " + file);
        return 0;
    }

    /** Whether the self-play match counts (see --self-play). */
    enum SelfPlay { INCLUDE, EXCLUDE }

    /** mean or median, with the allowed values in the message. */
    static final class RankConverter implements ITypeConverter<RankBy> {
        @Override
        public RankBy convert(String value) {
            return Choices.parse(value, RankBy.values());
        }
    }

    /** include or exclude, with the allowed values in the message. */
    static final class SelfPlayConverter implements ITypeConverter<SelfPlay> {
        @Override
        public SelfPlay convert(String value) {
            return Choices.parse(value, SelfPlay.values());
        }
    }
}
