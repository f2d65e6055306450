package dev.opshape.cli.command;

import dev.opshape.cli.option.MdpArgument;
import dev.opshape.cli.option.MemoryCheck;
import dev.opshape.cli.option.NumberArguments;
import dev.opshape.cli.option.NumberList;
import dev.opshape.cli.option.OutputDirectory;
import dev.opshape.cli.option.OutputFile;
import dev.opshape.cli.option.OutputOptions;
import dev.opshape.cli.option.RunOptions;
import dev.opshape.cli.output.Manifest;
import dev.opshape.cli.output.ProgressDisplay;
import dev.opshape.shaping.estimator.EstimatorCatalog;
import dev.opshape.shaping.metabias.MetaAlgorithm;
import dev.opshape.shaping.metabias.MetaBiasConfiguration;
import dev.opshape.shaping.metabias.MetaBiasResult;
import dev.opshape.shaping.metabias.MetaBiasStudy;
import dev.opshape.shaping.metabias.MetaBiasStudyConfig;
import dev.opshape.shaping.metabias.MetaBiasSweep;
import dev.opshape.shaping.metabias.MetaParts;
import dev.opshape.tabular.catalog.ComponentSpec;
import dev.opshape.tabular.mdp.TabularMdp;
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
 * {@code opshape meta-bias}: bias, variance and correlation of sampled MAML-RL meta-gradients on random tabular MDPs
 * against the exact meta-gradient, with the seed paper's part-by-part ablations (which of the inner steps, Hessian
 * products and outer gradient are sampled).
 */
@Command(name = "meta-bias",
        mixinStandardHelpOptions = true,
        description = {
            "For each MDP and configuration (estimator, parts, K, alpha, batch, injected Hessian bias): N independent "
                    + "estimates of the MAML-RL meta-gradient d V(theta_K) / d theta_0 at theta_0 = 0, against the "
                    + "exact meta-gradient of the same T-step value. Reports the seed paper's measures (corr, its "
                    + "var as sdSum, its grad_mse) beside opshape's (noise-corrected squared bias, variance = "
                    + "tr Cov, mse, cosine), with 95%% intervals.",
            "An estimator SPEC is a surrogate (dice, loaded, lvc or maml) with the optional keys "
                    + "baseline=none|mean|learned|exact (default: none for dice, exact for the others) and, for "
                    + "loaded, lambda=L in [0, 1] (default 1, unbiased at every order)."
        })
public final class MetaBiasCommand implements Callable<Integer> {

    /** Largest total number of estimates a run may ask for (checked before any work starts). */
    public static final long MAX_ESTIMATES = 1L << 31;
    /**
     * Largest number of states: every exact part solves dense S x S systems (S^3 / 3 multiply-adds each, a fifth of
     * a second at S = 1024), several per estimate, so larger models would run for days.
     */
    public static final int MAX_STATES = 1024;

    @Spec
    private CommandSpec spec;

    @Mixin
    private RunOptions run;

    @Mixin
    private OutputOptions output;

    @Option(names = "--algorithm", paramLabel = "maml|lirpg", defaultValue = "maml",
            description = "The meta-learning algorithm: maml (meta-parameter theta_0, at 0) or lirpg (an intrinsic "
                    + "reward eta per state and action, at 0, shaping the inner learner's reward; the outer "
                    + "objective is the extrinsic value). Default: ${DEFAULT-VALUE}.")
    private String algorithm;

    @Option(names = "--mdp", paramLabel = "random[:states=S:actions=A:concentration=C]|FILE",
            defaultValue = "random", converter = MdpArgument.Converter.class,
            description = "The MDPs: the seeded random family (defaults 20 states, 5 actions, Dirichlet "
                    + "concentration 0.001, rewards U(0, 1), start state 0; MDP i is the same in every run with the "
                    + "same seed), or a JSON MDP file (then --mdps is 1). Default: ${DEFAULT-VALUE}.")
    private MdpArgument mdp;

    @Option(names = "--mdps", paramLabel = "N", defaultValue = "10", converter = NumberArguments.WholeNumber.class,
            description = "Random MDPs, 1..65536. Default: ${DEFAULT-VALUE}.")
    private int mdps;

    @Option(names = "--gamma", paramLabel = "G", defaultValue = "0.8", converter = NumberArguments.FiniteNumber.class,
            description = "Discount in [0, 1]. Default: ${DEFAULT-VALUE}.")
    private double gamma;

    @Option(names = "--horizon", paramLabel = "T", defaultValue = "20", converter = NumberArguments.WholeNumber.class,
            description = "Steps per trajectory, and of the exact value compared with, 1..100000. "
                    + "Default: ${DEFAULT-VALUE}.")
    private int horizon;

    @Option(names = "--k", paramLabel = "K[,K...]", defaultValue = "1",
            description = "Inner gradient steps, 0..1000. Default: ${DEFAULT-VALUE}.")
    private String ks;

    @Option(names = "--lr", paramLabel = "ALPHA[,ALPHA...]", defaultValue = "10", converter = NumberList.Finite.class,
            description = "Inner step sizes. Default: ${DEFAULT-VALUE}.")
    private NumberList lrs;

    @Option(names = "--estimator", paramLabel = "SPEC[,SPEC...]", defaultValue = "dice,loaded,lvc,maml",
            description = "Estimators of the sampled parts (see above). Default: ${DEFAULT-VALUE}.")
    private String estimators;

    @Option(names = "--parts", paramLabel = "PARTS[,PARTS...]", defaultValue = "all",
            description = "Which parts are sampled, as letters of (inner, hessian, outer), l sampled and e exact: "
                    + "lee, ele, eel, lle, lel, ell, lll, eee, or all (the seven with a sampled part). "
                    + "Default: ${DEFAULT-VALUE}.")
    private String parts;

    @Option(names = "--batch", paramLabel = "B[,B...]", defaultValue = "5",
            description = "Trajectories per sampled part, 1..1048576. Default: ${DEFAULT-VALUE}.")
    private String batches;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "20", converter = NumberArguments.WholeNumber.class,
            description = "Independent estimates per MDP and configuration, 2..16777216. Default: ${DEFAULT-VALUE}.")
    private int samples;

    @Option(names = "--hessian-bias", paramLabel = "C[,C...]", defaultValue = "0", converter = NumberList.Finite.class,
            description = "Injected Hessian error: each backward product gains (2/d)(C + 0.3 z) .* w, z standard "
                    + "normal per parameter and step, as in the seed paper. Default: ${DEFAULT-VALUE} (none).")
    private NumberList hessianBiases;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Write one row per MDP and configuration (the JSON rows without vectors).")
    private Path csv;

    @Option(names = "--plot", paramLabel = "DIR",
            description = "Plot bias and standard deviation against batch size (log-log, fitted slopes), K, alpha "
                    + "and the injected Hessian bias, and the correlation against batch size, as PNG and SVG in DIR "
                    + "(created if missing; one plot per swept quantity with at least 2 values).")
    private Path plot;

    @Override
    public Integer call() throws IOException {
        MetaAlgorithm metaAlgorithm;
        try {
            metaAlgorithm = MetaAlgorithm.of(algorithm);
        } catch (IllegalArgumentException e) {
            throw bad("--algorithm", e.getMessage());
        }
        int states = mdp.file() != null ? mdp.file().numStates() : mdp.family().states();
        if (states > MAX_STATES) {
            throw bad("--mdp", states + " states; at most " + MAX_STATES + " (the exact meta-gradient solves dense "
                    + "S x S systems)");
        }
        if (mdps < 1 || mdps > MetaBiasStudyConfig.MAX_MDPS) {
            throw bad("--mdps", mdps + " is outside 1.." + MetaBiasStudyConfig.MAX_MDPS);
        }
        if (!(gamma >= 0 && gamma <= 1)) {
            throw bad("--gamma", gamma + " is outside [0, 1]");
        }
        if (horizon < 1 || horizon > 100_000) {
            throw bad("--horizon", horizon + " is outside 1..100000");
        }
        if (samples < 2 || samples > MetaBiasStudyConfig.MAX_SAMPLES) {
            throw bad("--samples", samples + " is outside 2.." + MetaBiasStudyConfig.MAX_SAMPLES
                    + "; the statistics need at least 2 estimates");
        }
        List<Integer> kList = integers("--k", ks, 0, 1000);
        List<Integer> batchList = integers("--batch", batches, 1, 1 << 20);
        List<MetaParts> partList;
        try {
            partList = MetaParts.parseList(parts);
        } catch (IllegalArgumentException e) {
            throw bad("--parts", e.getMessage());
        }
        List<ComponentSpec> estimatorSpecs = new ArrayList<>();
        for (String text : new LinkedHashSet<>(List.of(estimators.split(",", -1)))) {
            try {
                ComponentSpec parsed = ComponentSpec.parse(text);
                if (!EstimatorCatalog.catalog().contains(parsed.name())) {
                    throw new IllegalArgumentException("'" + parsed.name() + "' is not one of "
                            + String.join(", ", EstimatorCatalog.names().subList(1, EstimatorCatalog.names().size())));
                }
                estimatorSpecs.add(parsed);
            } catch (IllegalArgumentException e) {
                throw bad("--estimator", e.getMessage());
            }
        }
        for (int b : batchList) {
            if ((long) b * horizon > Integer.MAX_VALUE - 8) {
                throw bad("--batch", b + " trajectories of " + horizon + " steps do not fit in memory");
            }
        }
        // Every worker holds one configuration's estimators at a time: up to three parts of the largest batch.
        long largest = 0;
        for (int b : batchList) {
            largest = Math.max(largest, b);
        }
        MemoryCheck.require(spec.commandLine(), "--batch", (long) run.threads() * 3 * largest * horizon * 40,
                run.threads() + " workers' sampled estimators (three parts of " + largest + " trajectories of "
                        + horizon + " steps)");
        if (metaAlgorithm == MetaAlgorithm.LIRPG && boxed(hessianBiases).stream().anyMatch(c -> c != 0.0)) {
            throw bad("--hessian-bias", "the injected Hessian error is a maml study; lirpg takes 0 only");
        }
        MetaBiasSweep sweep = new MetaBiasSweep(estimatorSpecs, partList, kList, boxed(lrs), batchList,
                boxed(hessianBiases), horizon);
        int mdpCount = mdp.file() != null ? 1 : mdps;
        long total = sweep.size() * mdpCount * samples;
        if (total > MAX_ESTIMATES) {
            throw bad("--samples", "the study asks for " + total + " estimates (" + sweep.size()
                    + " configurations x " + mdpCount + " MDPs x " + samples + "); at most " + MAX_ESTIMATES);
        }
        List<MetaBiasConfiguration> configurations;
        try {
            configurations = sweep.configurations();
        } catch (IllegalArgumentException e) {
            throw bad("--estimator", e.getMessage());
        }
        List<TabularMdp> mdpList = mdp.mdps(run.seed(), mdpCount);
        MetaBiasStudyConfig config = new MetaBiasStudyConfig(metaAlgorithm, mdpList, gamma, horizon, configurations,
                samples, run.seed(), run.threads());
        OutputFile.prepare(spec.commandLine(), "--csv", csv);
        Path plotDir = plot == null ? null : OutputDirectory.prepare(spec.commandLine(), "--plot", plot);
        MetaBiasResult result;
        try (ProgressDisplay progress = ProgressDisplay.open(run.quiet(), "meta-bias", total, "estimates")) {
            result = MetaBiasStudy.run(config, progress);
        }
        MetaBiasReport report = MetaBiasReport.of(Manifest.of(spec, MetaBiasReport.SCHEMA), result,
                metaAlgorithm.display(),
                mdp.describe());
        if (csv != null) {
            report.writeCsv(csv);
        }
        if (plotDir != null) {
            report.writePlots(plotDir);
        }
        output.print(report);
        return 0;
    }

    private static List<Double> boxed(NumberList list) {
        return Arrays.stream(list.values()).boxed().distinct().toList();
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
