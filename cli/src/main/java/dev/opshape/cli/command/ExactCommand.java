package dev.opshape.cli.command;

import dev.opshape.cli.NonFiniteResultException;
import dev.opshape.cli.option.GameOptions;
import dev.opshape.cli.option.LogitsArgument;
import dev.opshape.cli.option.NoiseOption;
import dev.opshape.cli.option.NumberArguments;
import dev.opshape.cli.option.NumberList;
import dev.opshape.cli.option.OutputOptions;
import dev.opshape.cli.option.SeedOption;
import dev.opshape.cli.output.Manifest;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.tabular.InvalidModelException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code opshape exact}: exact values, average rewards, gradients and (with {@code --hvp}) Hessian-vector products
 * of both agents' values at given memory-1 policies, optionally with trembling-hand noise ({@code --noise}).
 */
@Command(name = "exact",
        mixinStandardHelpOptions = true,
        description = {
            "Exact values V1, V2, average rewards per move, gradients of V1 and V2 with respect to all logits "
                    + "(agent 1's then agent 2's) and, with --hvp, Hessian-vector products, at given memory-1 "
                    + "policies.",
            "Logits per agent: one per own-view state (start, then the previous outcome as own action, other's "
                    + "action), p(action 0) = sigmoid(logit); for more than 2 actions one logit per state and "
                    + "action, softmax. For ipd: start, CC, CD, DC, DD."
        })
public final class ExactCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private GameOptions gameOptions;

    @Mixin
    private NoiseOption noise;

    @Mixin
    private OutputOptions output;

    @Mixin
    private SeedOption seed;

    @Option(names = "--theta1", paramLabel = "LOGITS|STRATEGY", converter = LogitsArgument.Converter.class,
            description = "Agent 1's policy: logits as a comma list (inf and -inf allowed), e.g. 0,inf,-inf,inf,-inf, "
                    + "or a fixed strategy such as allc, alld, tft, wsls, gtft[:g=P], grim, random, extort[:chi=X], "
                    + "zd-gtft-2 or probs:p=P0/P1/... (every memory-one strategy of Axelrod's library, under its "
                    + "name too: 'opshape tournament --help' lists them). Default: all logits 0 (every action "
                    + "equally likely).")
    private LogitsArgument theta1;

    @Option(names = "--theta2", paramLabel = "LOGITS|STRATEGY", converter = LogitsArgument.Converter.class,
            description = "Agent 2's policy, in agent 2's own view (own action first), so tft is tit-for-tat for "
                    + "either agent. Default: all logits 0.")
    private LogitsArgument theta2;

    @Option(names = "--hvp", paramLabel = "V", converter = NumberList.Finite.class,
            description = "Also compute Hessian-vector products H_i v of V1 and V2 along the direction V: a comma "
                    + "list of finite numbers over all logits, agent 1's then agent 2's (10 for ipd).")
    private NumberList hvp;

    @Option(names = "--lola", paramLabel = "K", converter = NumberArguments.WholeNumber.class,
            description = "Also compute each agent's exact LOLA update direction over its own logits, through K "
                    + "opponent lookahead steps (K >= 0; 0 is the naive gradient). With --lola-form taylor, K must "
                    + "be 1.")
    private Integer lola;

    @Option(names = "--eta", paramLabel = "E", defaultValue = "" + AgentDefaults.DEFAULT_ETA,
            converter = NumberArguments.FiniteNumber.class,
            description = "Lookahead step for --lola. Default: ${DEFAULT-VALUE} (LOLA paper).")
    private double eta;

    @Option(names = "--lola-form", paramLabel = "lookahead|taylor", defaultValue = "lookahead",
            description = "lookahead: the derivative through K opponent steps (LOLA-K); taylor: the first-order "
                    + "Taylor form of Foerster et al. 2018, grad_i V_i + eta (d/dtheta_i grad_j V_j) grad_j V_i. "
                    + "Default: ${DEFAULT-VALUE}.")
    private String lolaForm;

    @Override
    public Integer call() {
        IteratedGame game = noise.apply(gameOptions.iteratedGame());
        double[] t1 = logits("--theta1", theta1, game, 0);
        double[] t2 = logits("--theta2", theta2, game, 1);
        double[] direction = null;
        if (hvp != null) {
            int expected = game.jointDimension();
            if (hvp.size() != expected) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--hvp': " + hvp.size()
                        + " numbers given; game '" + game.game().name() + "' needs " + expected + " (agent 1's "
                        + game.dimension(0) + " logits then agent 2's " + game.dimension(1) + ")");
            }
            direction = hvp.values();
        }
        ExactReport.LolaRequest lolaRequest = null;
        if (lola != null) {
            String form = lolaForm.toLowerCase(Locale.ROOT);
            if (!form.equals("lookahead") && !form.equals("taylor")) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--lola-form': '"
                        + lolaForm + "' is not lookahead or taylor");
            }
            if (lola < 0 || lola > 10_000) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--lola': " + lola
                        + " is outside 0..10000 lookahead steps");
            }
            if (form.equals("taylor") && lola != 1) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--lola': the taylor "
                        + "form has one (first-order) lookahead; give --lola 1 or --lola-form lookahead");
            }
            lolaRequest = new ExactReport.LolaRequest(lola, eta, form);
        }
        ExactReport report = ExactReport.compute(Manifest.of(spec, ExactReport.SCHEMA), game, t1, t2, direction,
                lolaRequest);
        NonFiniteResultException.check("V1", report.v1());
        NonFiniteResultException.check("V2", report.v2());
        NonFiniteResultException.check("grad V1", report.grad().v1());
        NonFiniteResultException.check("grad V2", report.grad().v2());
        if (report.hvp() != null) {
            NonFiniteResultException.check("H(V1) v", report.hvp().v1());
            NonFiniteResultException.check("H(V2) v", report.hvp().v2());
        }
        if (report.lola() != null) {
            NonFiniteResultException.check("agent 1's LOLA direction", report.lola().agent1());
            NonFiniteResultException.check("agent 2's LOLA direction", report.lola().agent2());
        }
        output.print(report);
        return 0;
    }

    /** The agent's logits; checks that only the game can settle (length, fit of a strategy) are reported here. */
    private double[] logits(String option, LogitsArgument argument, IteratedGame game, int agent) {
        if (argument == null) {
            return new double[game.dimension(agent)];
        }
        try {
            return argument.logits(game.game(), agent);
        } catch (InvalidModelException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': "
                    + e.getMessage());
        }
    }
}
