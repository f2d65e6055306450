package dev.opshape.shaping.training;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.ProgressListener;
import dev.opshape.shaping.agent.AgentCatalog;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.shaping.learner.LearningRule;
import dev.opshape.tabular.catalog.ComponentSpec;
import org.apache.commons.math3.stat.StatUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed paper's IPD training setting (Liu, Feng et al. 2022, code Benjamin-eecs/Theoretical-GMRL
 * {@code lola/argument.py}: K = 1, inner and outer batch 128, T = 100, gamma 0.96, Adam 0.1 on the logits, plain
 * lookahead step 0.3, learned value baselines, zero start, 500 updates, 10 seeds) with its off-policy buffer
 * ({@code lola/lola_dice_off_policy.py}: 1024 trajectories shared by both agents, pre-filled with 8 batches from the
 * initial policies). A re-run of that code (PyTorch 1.13, official seeds) scored, as the mean over both agents of the
 * last 50 updates: on-policy DiCE -1.63 (5 seeds), off-policy -1.43 (2 seeds), exact -1.002; mean correlation with
 * the exact meta-gradient 0.105, 0.17 and 1.00. The paper's claim is that off-policy reuse helps.
 *
 * <p>The assertions are the ordering opshape's 10 seeds support, each a Welch difference of means beyond 2 standard
 * errors computed from the spread over seeds: the paper's shared, pre-filled buffer beats on-policy DiCE in score
 * and in correlation with the exact direction, and exact LOLA beats both; one buffer per agent, cold (opshape's
 * earlier off-policy variant), does not beat on-policy DiCE, and is beaten by the paper's buffer (the regime the
 * claim depends on). Measured: exact -1.002; shared pre-filled -1.098 (sd 0.069 over seeds), correlation 0.565;
 * on-policy -1.238 (0.149), 0.252; own buffer -1.627 (0.433), 0.404.
 */
class SeedPaperReplayTrainingTest {

    private static final String BASE = "lola:k=1:batch=128:horizon=100:baseline=learned:est=dice";
    private static final int SEEDS = 10;
    private static final Map<String, double[][]> RESULTS = new HashMap<>();

    /** Per configuration: each seed's final joint score (mean of the last 50 updates) and mean correlation. */
    @BeforeAll
    static void train() {
        for (String keys : new String[] {"", ":offpolicy=1024:prefill=8:replay=shared", ":offpolicy=1024"}) {
            RESULTS.put(keys, run(BASE + keys));
        }
        RESULTS.put("exact", run("lola:k=1"));
    }

    private static double[][] run(String spec) {
        LearningRule rule = AgentCatalog.create(ComponentSpec.parse(spec), new AgentDefaults(0.3));
        TrainingConfig config = new TrainingConfig(IteratedGame.infinite(BuiltInGames.IPD, 0.96), rule, rule, 500,
                0.1, Optimizer.Kind.ADAM, new Initialisation.Zeros(), null, null, SEEDS, 0);
        TrainingResult result = Trainer.train(config, 2, ProgressListener.NONE, true);
        double[] score = new double[SEEDS];
        double[] corr = new double[SEEDS];
        for (int r = 0; r < SEEDS; r++) {
            RunResult run = result.runs().get(r);
            for (int u = 451; u <= 500; u++) {
                score[r] += (run.curve().avgReward1()[u] + run.curve().avgReward2()[u]) / 2 / 50;
            }
            double sum = 0;
            int n = 0;
            for (int u = 0; u < 500; u++) {
                for (int agent = 0; agent < 2; agent++) {
                    double c = run.agreement().corr(agent, u);
                    if (!Double.isNaN(c)) {
                        sum += c;
                        n++;
                    }
                }
            }
            corr[r] = n == 0 ? 1.0 : sum / n;
        }
        return new double[][] {score, corr};
    }

    /** (mean a - mean b) / sqrt(var a / n + var b / n): Welch's t of the difference over seeds. */
    private static double welch(double[] a, double[] b) {
        double se = Math.sqrt(StatUtils.variance(a) / a.length + StatUtils.variance(b) / b.length);
        return (StatUtils.mean(a) - StatUtils.mean(b)) / se;
    }

    @Test
    void thePapersSharedPrefilledBufferBeatsOnPolicyDice() {
        double[][] shared = RESULTS.get(":offpolicy=1024:prefill=8:replay=shared");
        double[][] onPolicy = RESULTS.get("");
        assertTrue(welch(shared[0], onPolicy[0]) > 2, "score t = " + welch(shared[0], onPolicy[0]));
        assertTrue(welch(shared[1], onPolicy[1]) > 2, "corr t = " + welch(shared[1], onPolicy[1]));
    }

    @Test
    void oneColdBufferPerAgentDoesNotAndLosesToThePapersBuffer() {
        double[][] own = RESULTS.get(":offpolicy=1024");
        assertTrue(welch(own[0], RESULTS.get("")[0]) < 2, "own buffer vs on-policy t = "
                + welch(own[0], RESULTS.get("")[0]));
        double[][] shared = RESULTS.get(":offpolicy=1024:prefill=8:replay=shared");
        assertTrue(welch(shared[0], own[0]) > 2, "shared vs own t = " + welch(shared[0], own[0]));
    }

    @Test
    void exactLolaBeatsEverySampledConfiguration() {
        double[][] exact = RESULTS.get("exact");
        assertEquals(-1.002, StatUtils.mean(exact[0]), 0.005);
        for (String keys : new String[] {"", ":offpolicy=1024:prefill=8:replay=shared"}) {
            double[] score = RESULTS.get(keys)[0];
            double se = Math.sqrt(StatUtils.variance(score) / SEEDS);
            assertTrue(StatUtils.mean(exact[0]) - StatUtils.mean(score) > 2 * se, keys);
        }
    }
}
