package dev.opshape.shaping.training;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.ProgressListener;
import dev.opshape.shaping.analysis.OutcomeLabel;
import dev.opshape.shaping.estimator.EstimatorSpec;
import dev.opshape.shaping.learner.LearningRule;
import dev.opshape.shaping.learner.LookaheadLola;
import dev.opshape.shaping.learner.NaiveLearning;
import dev.opshape.shaping.learner.RunAssertions;
import dev.opshape.shaping.learner.TaylorLola;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact-gradient learning runs against published results (sources in each test). */
class PublishedTrainingTest {

    private static final IteratedGame IPD = IteratedGame.infinite(BuiltInGames.IPD, 0.96);

    /**
     * The exact setting of the public PyTorch LOLA-DiCE code (alexis-jacq/LOLA_DiCE ipd_exact.py): zero init, Adam
     * 0.2 (PyTorch defaults), lookahead step 0.3, 50 updates, gamma 0.96. Its average reward after 50 updates,
     * re-run deterministically in float64 (docs/published-results.md#lola-dice-exact-training; tolerance
     * +-1e-3 as stated there for Adam implementation differences), and after the first update.
     */
    @ParameterizedTest(name = "K={0}")
    @CsvSource({"0, -1.5498, -1.9969", "1, -1.5022, -1.0055", "2, -1.5022, -1.0131", "3, -1.5022, -1.0220"})
    void lolaDiceExactSetting(int k, double afterOne, double afterFifty) {
        LearningRule rule = LookaheadLola.exact(k, 0.3);
        TrainingConfig config = new TrainingConfig(IPD, rule, rule, 50, 0.2, Optimizer.Kind.ADAM,
                new Initialisation.Zeros(), null, null, 1, 0);
        RunResult run = Trainer.train(config, 1, ProgressListener.NONE).runs().get(0);
        for (int agent = 0; agent < 2; agent++) {
            assertEquals(afterOne, run.curve().avgReward(agent, 1), 1e-3);
            assertEquals(afterFifty, run.outcome().avgReward(agent), 1e-3);
        }
    }

    /**
     * LOLA paper (Foerster et al. 2018, AAMAS, Table 3), IPD with exact gradients: 50 runs from N(0, 1) logits,
     * lr = eta = 1, 200 steps of gradient ascent. Published mean (sd over runs) of the final average reward per
     * step: NL-NL -1.98 (0.14), LOLA-LOLA -1.06 (0.19), with LOLA in the first-order Taylor form of their exact
     * code. Our seeds differ from theirs, so both means carry sampling noise: the tolerance is 3 standard errors of
     * the difference, 3 sqrt(sd_ours^2 + sd_paper^2) / sqrt(50). The sd is reported in the README but not
     * asserted: final rewards are a mixture of a few outcomes (-2 for mutual defection, -1 for cooperation), so the
     * sample sd is driven by how many of 50 runs land in the rare outcome and has no normal-theory error bar.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"nl, -1.98, 0.14", "lola-taylor, -1.06, 0.19"})
    void lolaPaperTable3(String agent, double publishedMean, double publishedSd) {
        LearningRule rule = agent.equals("nl") ? new NaiveLearning(EstimatorSpec.EXACT)
                : new TaylorLola(1.0, false, EstimatorSpec.EXACT);
        TrainingConfig config = new TrainingConfig(IPD, rule, rule, 200, 1.0, Optimizer.Kind.SGD,
                new Initialisation.Normal(1.0), null, null, 50, 2018);
        TrainingResult result = Trainer.train(config, 2, ProgressListener.NONE);
        for (int a = 0; a < 2; a++) {
            double mean = result.meanFinalReward(a);
            double sd = result.sdFinalReward(a);
            double tolerance = 3 * Math.sqrt(sd * sd + publishedSd * publishedSd) / Math.sqrt(50);
            assertEquals(publishedMean, mean, tolerance, agent + " agent " + (a + 1) + " mean");
        }
    }

    /**
     * LOLA paper Table 3, matching pennies (gamma 0.9, same protocol): LOLA-LOLA ends at the mixed equilibrium,
     * reward 0 (sd 0.02); NL-NL does not (sd 0.37). A float64 re-run of their exact code
     * (docs/published-results.md#lola-table-3-imp)
     * gives LOLA-LOLA |mean| &lt; 0.01, 43 of 50 runs within 0.05 of p = 1/2 in every state (we require at
     * least 40), and NL-NL sd about 0.4 (we require more than 0.2: NL cycles around the equilibrium and ends
     * wherever the cycle is after 200 steps). LOLA's sd over 50 runs (published 0.02) is not asserted: it is set by
     * the few runs that have not converged after 200 steps (0.03 to 0.07 depending on the seed), not by the
     * converged ones.
     */
    @Test
    void lolaPaperMatchingPennies() {
        IteratedGame imp = IteratedGame.infinite(BuiltInGames.IMP, 0.9);
        LearningRule lola = new TaylorLola(1.0, false, EstimatorSpec.EXACT);
        TrainingResult lolaRuns = Trainer.train(new TrainingConfig(imp, lola, lola, 200, 1.0, Optimizer.Kind.SGD,
                new Initialisation.Normal(1.0), null, null, 50, 2018), 2, ProgressListener.NONE);
        assertEquals(0.0, lolaRuns.meanFinalReward(0), 3 * lolaRuns.sdFinalReward(0) / Math.sqrt(50));
        long mixed = RunAssertions.count(lolaRuns, OutcomeLabel.MIXED_EQUILIBRIUM);
        assertTrue(mixed >= 40, mixed + " of 50 LOLA runs at the mixed equilibrium");

        LearningRule nl = new NaiveLearning(EstimatorSpec.EXACT);
        TrainingResult nlRuns = Trainer.train(new TrainingConfig(imp, nl, nl, 200, 1.0, Optimizer.Kind.SGD,
                new Initialisation.Normal(1.0), null, null, 50, 2018), 2, ProgressListener.NONE);
        assertTrue(nlRuns.sdFinalReward(0) > 0.2, "NL sd " + nlRuns.sdFinalReward(0));
        assertTrue(RunAssertions.count(nlRuns, OutcomeLabel.MIXED_EQUILIBRIUM) <= 5);
    }
}
