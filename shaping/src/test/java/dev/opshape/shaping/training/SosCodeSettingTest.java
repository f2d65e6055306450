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
}
