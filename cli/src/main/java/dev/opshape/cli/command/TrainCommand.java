package dev.opshape.cli.command;

import dev.opshape.cli.option.AgentArgument;
import dev.opshape.cli.BuildVersion;
import dev.opshape.cli.option.GameOptions;
import dev.opshape.cli.option.LearningOptions;
import dev.opshape.cli.option.MemoryCheck;
import dev.opshape.cli.option.LogitsArgument;
import dev.opshape.cli.option.NoiseOption;
import dev.opshape.cli.option.NumberArguments;
import dev.opshape.cli.option.OutputFile;
import dev.opshape.cli.option.OutputOptions;
import dev.opshape.cli.option.RunOptions;
import dev.opshape.cli.option.ShardOptions;
import dev.opshape.cli.output.AtomicFileWriter;
import dev.opshape.cli.output.ChartFiles;
import dev.opshape.cli.output.Manifest;
import dev.opshape.cli.output.ProgressDisplay;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.shaping.learner.LearningRule;
import dev.opshape.shaping.training.Trainer;
import dev.opshape.shaping.training.RunResult;
import dev.opshape.shaping.training.TrainingConfig;
import dev.opshape.shaping.training.TrainingResult;
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
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code opshape train}: two agents learn simultaneously; prints the final policies and outcome of every run and a
 * summary, and optionally writes the learning curves (CSV) and their plot.
 */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Two agents learn simultaneously from the same point for N updates, in R independent runs; both agents' "
                    + "exact average rewards and cooperation frequencies are recorded after every update.",
            "An agent is a learner or a fixed strategy with its keys, name:key=value:...; every one is listed below."
        })
public final class TrainCommand implements Callable<Integer> {

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

    @Mixin
    private LearningOptions learning;

    @Option(names = "--agent1", paramLabel = "SPEC", defaultValue = "lola", converter = AgentArgument.One.class,
            description = "Agent 1, name(:key=value)*. Default: ${DEFAULT-VALUE}.")
    private ComponentSpec agent1;

    @Option(names = "--agent2", paramLabel = "SPEC", defaultValue = "lola", converter = AgentArgument.One.class,
            description = "Agent 2. Default: ${DEFAULT-VALUE}.")
    private ComponentSpec agent2;

    @Option(names = "--theta1", paramLabel = "LOGITS|STRATEGY", converter = LogitsArgument.Converter.class,
            description = "Agent 1's initial logits (comma list, or a fixed strategy's), instead of --init.")
    private LogitsArgument theta1;

    @Option(names = "--theta2", paramLabel = "LOGITS|STRATEGY", converter = LogitsArgument.Converter.class,
            description = "Agent 2's initial logits, in its own view, instead of --init.")
    private LogitsArgument theta2;

    @Option(names = "--runs", paramLabel = "R", defaultValue = "1", converter = NumberArguments.WholeNumber.class,
            description = "Number of independent runs (1..65536). Default: ${DEFAULT-VALUE}.")
    private int runs;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Write the learning curves: one row per run and update (run, update, avgReward1, "
                    + "avgReward2, pCoop1, pCoop2).")
    private Path csv;

    @Option(names = "--compare-exact",
            description = "At every update also compute each sampled learner's exact direction at the same point "
                    + "and record their Pearson correlation and cosine (JSON runs[].agreement and summary, CSV "
                    + "columns corr1, corr2, cosine1, cosine2); the runs themselves do not change.")
    private boolean compareExact;

    @Mixin
    private ShardOptions sharding;

    /** The runs of every shard, by run index, set by {@code opshape merge} instead of playing them. */
    private List<RunResult> replay;

    @Option(names = "--plot", paramLabel = "FILE",
            description = "Plot the learning curves (average reward per move against update) to FILE.png or "
                    + "FILE.svg.")
    private Path plot;

    @Override
    public Integer call() throws IOException {
        IteratedGame game = noise.apply(gameOptions.iteratedGame());
        if (runs < 1 || runs > 65536) {
            throw bad("--runs", runs + " is outside 1..65536");
        }
        if (plot != null && !ChartFiles.supported(plot)) {
            throw bad("--plot", "'" + plot + "' must end in .png or .svg");
        }
        AgentDefaults defaults = learning.agentDefaults();
        LearningRule rule1 = AgentArgument.rule(spec.commandLine(), "--agent1", agent1, defaults);
        LearningRule rule2 = AgentArgument.rule(spec.commandLine(), "--agent2", agent2, defaults);
        double[] start1 = logits("--theta1", theta1, game, 0);
        double[] start2 = logits("--theta2", theta2, game, 1);
        TrainingConfig config;
        try {
            config = new TrainingConfig(game, rule1, rule2, learning.steps(), learning.lr(), learning.optimizer(),
                    learning.init(), start1, start2, runs, run.seed());
            // A fixed strategy that does not fit the game is reported before any work starts.
            config.initialLogits(0, 0);
            config.initialLogits(1, 0);
        } catch (InvalidModelException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }

        // Every worker holds both agents' learners; every run keeps its curve (and its agreement, when compared).
        long learners = (long) run.threads() * (rule1.estimatedBytes(game) + rule2.estimatedBytes(game));
        long curves = (long) runs * (learning.steps() + 1) * 4 * Double.BYTES * (compareExact ? 2 : 1);
        MemoryCheck.require(spec.commandLine(), curves > learners ? "--steps" : "--agent1", learners + curves,
                runs + " runs of " + learning.steps() + " updates with their curves and " + run.threads()
                        + " workers' estimators");
        if (sharding.active()) {
            Path file = sharding.out();
            List<RunResult> played;
            try (ProgressDisplay progress = ProgressDisplay.open(run.quiet(), "shard " + sharding.index() + "/"
                    + sharding.count(), (long) runs * learning.steps() / sharding.count(), "updates")) {
                played = Trainer.trainShard(config, run.threads(), progress, compareExact, sharding.index() - 1,
                        sharding.count());
            }
            AtomicFileWriter.writeString(file, TrainShard.write(BuildVersion.version(), sharding.commandLine(),
                    sharding.index(), sharding.count(), runs, played));
            System.out.println("shard " + sharding.index() + " of " + sharding.count() + ": " + played.size()
                    + " of " + runs + " runs written to " + file);
            return 0;
        }
        OutputFile.prepare(spec.commandLine(), "--csv", csv);
        OutputFile.prepare(spec.commandLine(), "--plot", plot);
        TrainingResult result;
        if (replay != null) {
            result = new TrainingResult(config, replay);
        } else {
            try (ProgressDisplay progress = ProgressDisplay.open(run.quiet(), "train",
                    (long) runs * learning.steps(), "updates")) {
                result = Trainer.train(config, run.threads(), progress, compareExact);
            }
        }
        TrainReport report = TrainReport.of(Manifest.of(spec, TrainReport.SCHEMA), agent1, agent2, learning.eta(),
                result);
        if (csv != null) {
            report.writeCurves(csv, result);
        }
        if (plot != null) {
            ChartFiles.save(report.chart(result), plot);
        }
        output.print(report);
        return 0;
    }

    private ParameterException bad(String option, String message) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + message);
    }

    private double[] logits(String option, LogitsArgument argument, IteratedGame game, int agent) {
        if (argument == null) {
            return null;
        }
        try {
            return argument.logits(game.game(), agent);
        } catch (InvalidModelException e) {
            throw bad(option, e.getMessage());
        }
    }

    /** Sets the runs of every shard (by run index) for {@code opshape merge}. */
    void replay(List<RunResult> runs) {
        this.replay = List.copyOf(runs);
    }
}
