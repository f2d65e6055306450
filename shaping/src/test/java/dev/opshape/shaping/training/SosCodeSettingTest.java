package dev.opshape.shaping.training;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.ProgressListener;
import dev.opshape.shaping.agent.AgentCatalog;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.shaping.analysis.OutcomeLabel;
import dev.opshape.shaping.learner.LearningRule;
import dev.opshape.tabular.catalog.ComponentSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IPD experiment of the Stable Opponent Shaping code (aletcher/stable-opponent-shaping, the notebook's "Iterated
 * Prisoner's Dilemma - SOS/LOLA vs LA/CO/SGA/EG/CGD/LSS/NL" cell): gamma 0.96, 50 runs from N(0, 1) logits, both
 * agents the same rule, alpha = 1 for the step and every rule's inner step, 100 steps. Letcher et al. 2019 (ICLR;
 * their IPD results and discussion) report that LOLA and SOS reach cooperation (average loss near 1) while NL, LA and the
 * gradient-adjustment methods converge mostly to mutual defection (loss near 2). Asserted as that claim, per rule,
 * over the 50 seeded runs: cooperating rules end with a mean reward above -1.3 and most runs cooperative (tit-for-tat
 * like or mutual cooperation); defecting rules below -1.8 with most runs in mutual defection. CO and LSS, between
 * the two groups in opshape's runs (mean -1.69 and -1.86, many runs labelled "other"), are not asserted.
 */
class SosCodeSettingTest {

    private static final IteratedGame IPD = IteratedGame.infinite(BuiltInGames.IPD, 0.96);

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"sos, cooperates", "lola-taylor, cooperates", "nl, defects", "la, defects", "sga, defects",
        "eg, defects", "cgd, defects"})
    void theSosPapersIpdOutcome(String agent, String outcome) {
        LearningRule rule = AgentCatalog.create(ComponentSpec.parse(agent), AgentDefaults.standard());
        TrainingConfig config = new TrainingConfig(IPD, rule, rule, 100, 1.0, Optimizer.Kind.SGD,
                new Initialisation.Normal(1.0), null, null, 50, 0);
        TrainingResult result = Trainer.train(config, 2, ProgressListener.NONE);
        int cooperative = 0;
        int defecting = 0;
        for (RunResult run : result.runs()) {
            OutcomeLabel label = run.outcome().label();
            cooperative += label == OutcomeLabel.TFT_LIKE || label == OutcomeLabel.MUTUAL_COOPERATION
                    || label == OutcomeLabel.WSLS_LIKE ? 1 : 0;
            defecting += label == OutcomeLabel.MUTUAL_DEFECTION ? 1 : 0;
        }
        double mean = result.meanFinalReward(0);
        if (outcome.equals("cooperates")) {
            assertTrue(mean > -1.3 && cooperative >= 35, agent + ": mean " + mean + ", " + cooperative
                    + " of 50 cooperative");
        } else {
            assertTrue(mean < -1.8 && defecting >= 40, agent + ": mean " + mean + ", " + defecting
                    + " of 50 in mutual defection");
        }
    }

    /**
     * The notebook's matching pennies (one-shot, one logit per player: here the iterated game with horizon 1, where
     * only the start logit matters; 50 runs from N(0, 1), alpha 1, 100 steps): SOS and LOLA converge to the mixed
     * equilibrium, NL does not (simultaneous gradient ascent spirals away from it). Asserted: p(H) within 0.05 of
     * 1/2 for both players in at least 40 (SOS) and 30 (LOLA) of 50 runs, and in at most 5 for NL.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"sos, 40, 50", "lola-taylor, 30, 50", "nl, 0, 5"})
    void matchingPenniesOfTheSosCode(String agent, int atLeast, int atMost) {
        LearningRule rule = AgentCatalog.create(ComponentSpec.parse(agent), AgentDefaults.standard());
        IteratedGame pennies = IteratedGame.finite(BuiltInGames.IMP, 0.96, 1);
        TrainingConfig config = new TrainingConfig(pennies, rule, rule, 100, 1.0, Optimizer.Kind.SGD,
                new Initialisation.Normal(1.0), null, null, 50, 0);
        int converged = 0;
        for (RunResult run : Trainer.train(config, 2, ProgressListener.NONE).runs()) {
            double p1 = run.outcome().policy1()[0];
            double p2 = run.outcome().policy2()[0];
            converged += Math.abs(p1 - 0.5) < 0.05 && Math.abs(p2 - 0.5) < 0.05 ? 1 : 0;
        }
        assertTrue(converged >= atLeast && converged <= atMost, agent + ": " + converged + " of 50 at the mixed "
                + "equilibrium");
    }
}
