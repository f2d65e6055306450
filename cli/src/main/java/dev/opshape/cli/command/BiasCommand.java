package dev.opshape.cli.command;

import dev.opshape.cli.BuildVersion;
import dev.opshape.cli.option.GameOptions;
import dev.opshape.cli.option.LogitsArgument;
import dev.opshape.cli.option.MemoryCheck;
import dev.opshape.cli.option.NoiseOption;
import dev.opshape.cli.option.NumberArguments;
import dev.opshape.cli.option.NumberList;
import dev.opshape.cli.option.OutputDirectory;
import dev.opshape.cli.option.OutputFile;
import dev.opshape.cli.option.OutputOptions;
import dev.opshape.cli.option.RunOptions;
import dev.opshape.cli.option.ShardOptions;
import dev.opshape.cli.output.AtomicFileWriter;
import dev.opshape.cli.output.Manifest;
import dev.opshape.cli.output.ProgressDisplay;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.bias.BiasConfiguration;
import dev.opshape.shaping.bias.BiasRow;
import dev.opshape.shaping.bias.BiasStudy;
import dev.opshape.shaping.bias.BiasStudyConfig;
import dev.opshape.shaping.bias.BiasStudyResult;
import dev.opshape.shaping.bias.BiasSweep;
import dev.opshape.shaping.bias.CompositionalTheory;
import dev.opshape.shaping.bias.StudyPoint;
import dev.opshape.shaping.estimator.SampledEstimatorSpec;
import dev.opshape.tabular.InvalidModelException;
import dev.opshape.tabular.catalog.ComponentSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code opshape bias}: bias, variance and correlation of sampled LOLA-K meta-gradient estimators against the exact
 * meta-gradient of the same finite horizon, over sweeps of K, eta, estimator and batch size.
 */
@Command(name = "bias",
        mixinStandardHelpOptions = true,
        description = {
            "For each point, K, eta, estimator and batch size: N independent estimates of the learning agent's "
                    + "LOLA-K meta-gradient, each from fresh samples, against the exact meta-gradient of the same "
                    + "finite horizon T. Reports the bias (and its noise-corrected square), variance, MSE, cosine "
                    + "similarity, Pearson correlation and sign agreement, with 95%% intervals.",
            "An estimator SPEC is ':'-separated: a surrogate (exact, dice, lvc, maml or loaded) for every part, then "
                    + "optional keys inner=, hessian=, outer= (exact, dice[/B], lvc[/B], maml[/B], loaded[/B]), "
                    + "baseline=none|mean|learned|exact, offpolicy=BUFFER, clip=C; for example dice, "
                    + "lvc:baseline=exact, dice:inner=exact, dice:offpolicy=1024. --horizon 0 (the default) means "
                    + "T = " + SampledEstimatorSpec.DEFAULT_HORIZON + " here."
        })
public final class BiasCommand implements Callable<Integer> {

    /** The horizon used when --horizon is left at 0: the LOLA-DiCE rollout length. */
    public static final int DEFAULT_HORIZON = SampledEstimatorSpec.DEFAULT_HORIZON;

    /** Longest warm path (updates of exact LOLA, a few microseconds each). */
    static final int MAX_WARM_PATH = 100_000;

    @Spec
    private CommandSpec spec;

    @Mixin
    private NoiseOption noise;

    @Mixin
    private GameOptions gameOptions;

    @Mixin
    private RunOptions run;

    @Mixin
    private OutputOptions output;

    @Option(names = "--theta1", paramLabel = "LOGITS|STRATEGY", converter = LogitsArgument.Converter.class,
            description = "Agent 1's logits at the (single) study point; give --theta2 too. Default: --points.")
    private LogitsArgument theta1;

    @Option(names = "--theta2", paramLabel = "LOGITS|STRATEGY", converter = LogitsArgument.Converter.class,
            description = "Agent 2's logits at the study point.")
    private LogitsArgument theta2;

    @Option(names = "--points", paramLabel = "P", defaultValue = "2", converter = NumberArguments.WholeNumber.class,
            description = "Number of random points (logits ~ N(0, 1), keyed by the seed) when no --theta1/--theta2 "
                    + "is given; symmetric points such as all-zero logits make correlations degenerate. "
                    + "Default: ${DEFAULT-VALUE}.")
    private int points;

    @Option(names = "--agent", paramLabel = "1|2", defaultValue = "1", converter = NumberArguments.WholeNumber.class,
            description = "The learning agent whose meta-gradient is estimated. Default: ${DEFAULT-VALUE}.")
    private int agent;

    @Option(names = "--k", paramLabel = "K[,K...]", defaultValue = "1",
            description = "Lookahead steps (K >= 0). Default: ${DEFAULT-VALUE}.")
    private String ks;

    @Option(names = "--eta", paramLabel = "E[,E...]", defaultValue = "0.3", converter = NumberList.Finite.class,
            description = "Lookahead step sizes. Default: ${DEFAULT-VALUE} (LOLA-DiCE code).")
    private NumberList etas;

    @Option(names = "--estimator", paramLabel = "SPEC[,SPEC...]", defaultValue = "dice,lvc",
            description = "Estimator configurations (see above). Default: ${DEFAULT-VALUE}.")
    private String estimators;

    @Option(names = "--batch", paramLabel = "B[,B...]", defaultValue = "128",
            description = "Batch sizes of the sampled parts without their own /B. Default: ${DEFAULT-VALUE}.")
    private String batches;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "500",
            converter = NumberArguments.WholeNumber.class,
            description = "Independent estimates per configuration and point (>= 2). Default: ${DEFAULT-VALUE}.")
    private int samples;

    @Option(names = "--decompose",
            description = "Also run each estimator with its inner steps exact (leaving the multi-step Hessian bias) "
                    + "and with its Hessian products exact (leaving the compositional bias), as in the seed "
                    + "paper's ablation.")
    private boolean decompose;

    @Mixin
    private ShardOptions sharding;

    /** The rows of every shard, in row order, set by {@code opshape merge} instead of computing them. */
    private List<BiasRow> replay;

    @Option(names = "--warm-path", paramLabel = "U",
            description = "Replace each study point by the point a training run reaches from it after U updates of "
                    + "exact LOLA (K = 1, lookahead 0.3, Adam 0.1, both agents: the seed paper's IPD training rule), "
                    + "and draw a replay buffer's prefill=P batches at the last P iterates before it, as that run's "
                    + "buffer would hold them (1 <= U <= " + MAX_WARM_PATH + ").")
    private Integer warmPath;

    @Option(names = "--theory",
            description = "Also give each row the compositional bias's first-order bound and second-order "
                    + "(delta-method) prediction from exact derivatives and the measured covariance of the lookahead "
                    + "gradients (" + CompositionalTheory.REPLICATES + " extra estimates per lookahead step; "
                    + "docs/estimators.md#theory).")
    private boolean theory;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Write one row per configuration and point (the JSON rows without vectors).")
    private Path csv;

    @Option(names = "--plot", paramLabel = "DIR",
            description = "Plot bias and standard deviation against batch size (log-log, with fitted slopes), "
                    + "against K and against eta, one line per estimator, as PNG and SVG in DIR (created if "
                    + "missing; a plot is drawn for each swept quantity with at least 2 values).")
    private Path plot;

    @Override
    public Integer call() throws IOException {
        IteratedGame game = noise.apply(gameOptions.iteratedGame(DEFAULT_HORIZON));
        if (agent != 1 && agent != 2) {
            throw bad("--agent", agent + " is not 1 or 2");
        }
        if (samples < 2) {
            throw bad("--samples", samples + " is below 2; the statistics need at least 2 estimates");
        }
        List<Integer> kList = integers("--k", ks, 0, 1000);
        List<Integer> batchList = integers("--batch", batches, 1, 1 << 20);
        List<String> estimatorList = new ArrayList<>(new LinkedHashSet<>(List.of(estimators.split(",", -1))));
        List<StudyPoint> studyPoints = points(game);
        if (warmPath != null) {
            if (warmPath < 1 || warmPath > MAX_WARM_PATH) {
                throw bad("--warm-path", warmPath + " is not in [1, " + MAX_WARM_PATH + "]");
            }
            List<StudyPoint> warm = new ArrayList<>();
            for (StudyPoint p : studyPoints) {
                warm.add(StudyPoint.alongExactPath(game, p, warmPath));
            }
            studyPoints = warm;
        }

        List<ComponentSpec> estimatorSpecs = new ArrayList<>();
        for (String text : estimatorList) {
            try {
                estimatorSpecs.add(ComponentSpec.parse(text));
            } catch (IllegalArgumentException e) {
                throw bad("--estimator", e.getMessage());
            }
        }
        BiasSweep sweep = new BiasSweep(estimatorSpecs, kList,
                Arrays.stream(etas.values()).boxed().toList(), batchList, game.horizon(), decompose);
        if (sweep.size() > 1 << 24) {
            throw bad("--estimator", "the sweep has " + sweep.size() + " configurations; at most " + (1 << 24));
        }
        List<BiasConfiguration> configurations;
        try {
            configurations = sweep.configurations();
        } catch (IllegalArgumentException e) {
            throw bad("--estimator", e.getMessage());
        }
        BiasStudyConfig config;
        try {
            config = new BiasStudyConfig(game, agent - 1, studyPoints, configurations, samples, run.seed(),
                    run.threads(), theory);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        long largest = 0;
        for (BiasConfiguration c : configurations) {
            largest = Math.max(largest, c.estimated().estimatedBytes(game));
        }
        MemoryCheck.require(spec.commandLine(), "--batch", run.threads() * largest, run.threads()
                + " workers' estimators (batch x horizon = the largest sampled configuration's moves)");
        long total = (long) studyPoints.size() * configurations.size() * samples;
        int rows = studyPoints.size() * configurations.size();
        if (replay == null && sharding.active()) {
            Path file = sharding.out();
            List<BiasRow> played;
            try (ProgressDisplay progress = ProgressDisplay.open(run.quiet(), "shard " + sharding.index() + "/"
                    + sharding.count(), total / sharding.count(), "estimates")) {
                played = BiasStudy.runShard(config, progress, sharding.index() - 1, sharding.count());
            }
            AtomicFileWriter.writeString(file, BiasShard.write(BuildVersion.version(), sharding.commandLine(),
                    sharding.index(), sharding.count(), rows, played));
            spec.commandLine().getOut().println("shard " + sharding.index() + " of " + sharding.count() + ": "
                    + played.size() + " of " + rows + " rows written to " + file);
            spec.commandLine().getOut().flush();
            return 0;
        }
        OutputFile.prepare(spec.commandLine(), "--csv", csv);
        Path plotDir = plot == null ? null : OutputDirectory.prepare(spec.commandLine(), "--plot", plot);
        BiasStudyResult result;
        if (replay != null) {
            if (replay.size() != rows) {
                throw new ParameterException(spec.commandLine(), "the shards hold " + replay.size()
                        + " rows; their command line makes " + rows);
            }
            result = new BiasStudyResult(config, replay);
        } else {
            try (ProgressDisplay progress = ProgressDisplay.open(run.quiet(), "bias", total, "estimates")) {
                result = BiasStudy.run(config, progress);
            }
        }
        BiasReport report = BiasReport.of(Manifest.of(spec, BiasReport.SCHEMA), result, decompose);
        if (csv != null) {
            report.writeCsv(csv);
        }
        if (plotDir != null) {
            report.writePlots(plotDir);
        }
        output.print(report);
        return 0;
    }

    /** Sets the rows of every shard (in row order) for {@code opshape merge}. */
    void replay(List<BiasRow> rows) {
        this.replay = List.copyOf(rows);
    }

    private List<StudyPoint> points(IteratedGame game) {
        if (theta1 != null || theta2 != null) {
            if (theta1 == null || theta2 == null) {
                throw bad(theta1 == null ? "--theta1" : "--theta2", "a study point needs both --theta1 and --theta2");
            }
            try {
                return List.of(new StudyPoint(theta1.logits(game.game(), 0), theta2.logits(game.game(), 1)));
            } catch (InvalidModelException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (points < 1 || points > 1 << 16) {
            throw bad("--points", points + " is outside 1..65536");
        }
        return BiasStudyConfig.randomPoints(game, points, 1.0, run.seed());
    }

    private List<Integer> integers(String option, String text, int min, int max) {
        try {
            return NumberArguments.parseIntegerList(text, min, max);
        } catch (RuntimeException e) {
            throw bad(option, e.getMessage());
        }
    }

    private ParameterException bad(String option, String message) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + message);
    }
}
