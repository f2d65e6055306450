package dev.opshape.cli.option;

import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.shaping.training.Initialisation;
import dev.opshape.shaping.training.Optimizer;
import dev.opshape.shaping.training.TrainingConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/**
 * The options of commands in which agents learn ({@code train}, {@code tournament}): {@code --steps}, {@code --lr},
 * {@code --eta}, {@code --optimizer} and {@code --init}, with the LOLA paper's exact setting as defaults. Values are
 * checked as they are parsed.
 */
public final class LearningOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    private int steps = TrainingConfig.DEFAULT_STEPS;
    private double lr = TrainingConfig.DEFAULT_LR;

    @Option(names = "--eta", paramLabel = "E", defaultValue = "" + AgentDefaults.DEFAULT_ETA,
            converter = NumberArguments.FiniteNumber.class,
            description = "Lookahead step of LOLA, LookAhead and SOS agents without their own :eta=. "
                    + "Default: ${DEFAULT-VALUE} (LOLA paper).")
    private double eta;

    @Option(names = "--optimizer", paramLabel = "sgd|adam", defaultValue = "sgd",
            converter = OptimizerArgument.class,
            description = "sgd: theta += lr * direction; adam: Adam with PyTorch's defaults (beta1 0.9, beta2 0.999, "
                    + "eps 1e-8). Default: ${DEFAULT-VALUE}.")
    private Optimizer.Kind optimizer;

    @Option(names = "--init", paramLabel = "zeros|normal:SIGMA", defaultValue = "normal:1",
            converter = InitArgument.class,
            description = "Initial logits of learners: all zero, or independent N(0, SIGMA^2) draws keyed by "
                    + "(seed, run). Default: ${DEFAULT-VALUE} (LOLA paper).")
    private Initialisation init;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "" + TrainingConfig.DEFAULT_STEPS,
            converter = NumberArguments.WholeNumber.class,
            description = "Learning updates per run, >= 0. Default: ${DEFAULT-VALUE} (LOLA paper).")
    void setSteps(int steps) {
        if (steps < 0) {
            throw new ParameterException(mixee.commandLine(), "Invalid value for option '--steps': " + steps
                    + " is negative; give a number of updates >= 0");
        }
        this.steps = steps;
    }

    @Option(names = "--lr", paramLabel = "A", defaultValue = "" + TrainingConfig.DEFAULT_LR,
            converter = NumberArguments.FiniteNumber.class,
            description = "Outer step size (the optimiser's learning rate), > 0. Default: ${DEFAULT-VALUE} "
                    + "(LOLA paper).")
    void setLr(double lr) {
        if (!(lr > 0)) {
            throw new ParameterException(mixee.commandLine(), "Invalid value for option '--lr': " + lr
                    + " is not > 0");
        }
        this.lr = lr;
    }

    /** Updates per run. */
    public int steps() {
        return steps;
    }

    /** Outer step size. */
    public double lr() {
        return lr;
    }

    /** The lookahead step agents fall back on. */
    public AgentDefaults agentDefaults() {
        return new AgentDefaults(eta);
    }

    /** The default lookahead step. */
    public double eta() {
        return eta;
    }

    /** SGD or Adam. */
    public Optimizer.Kind optimizer() {
        return optimizer;
    }

    /** Initial logits of learners. */
    public Initialisation init() {
        return init;
    }

    /** Converter for {@code --optimizer}. */
    public static final class OptimizerArgument implements ITypeConverter<Optimizer.Kind> {
        @Override
        public Optimizer.Kind convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "sgd" -> Optimizer.Kind.SGD;
                case "adam" -> Optimizer.Kind.ADAM;
                default -> throw new TypeConversionException("'" + value + "' is not sgd or adam");
            };
        }
    }
}
