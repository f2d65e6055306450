package dev.opshape.shaping.training;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.strategy.FixedStrategies;
import dev.opshape.shaping.ProgressListener;
import dev.opshape.shaping.estimator.BaselineKind;
import dev.opshape.shaping.estimator.EstimatorSpec;
import dev.opshape.shaping.estimator.SampledEstimatorSpec;
import dev.opshape.shaping.estimator.Surrogates;
import dev.opshape.shaping.learner.FixedStrategyRule;
import dev.opshape.shaping.learner.Learner;
import dev.opshape.shaping.learner.LearningRule;
import dev.opshape.shaping.learner.LookaheadLola;
import dev.opshape.shaping.learner.UpdateKey;
import dev.opshape.shaping.statistics.Correlation;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {

    private static final IteratedGame IPD = IteratedGame.infinite(BuiltInGames.IPD, 0.96);

    private static TrainingConfig config(LearningRule a, LearningRule b, int steps, int runs, double lr) {
        return new TrainingConfig(IPD, a, b, steps, lr, Optimizer.Kind.SGD, new Initialisation.Normal(1.0),
                null, null, runs, 99);
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        TrainingConfig c = config(LookaheadLola.exact(2, 0.5), LookaheadLola.exact(1, 1), 30, 7, 0.5);
        TrainingResult one = Trainer.train(c, 1, ProgressListener.NONE);
        TrainingResult two = Trainer.train(c, 2, ProgressListener.NONE);
        for (int r = 0; r < 7; r++) {
            assertArrayEquals(one.runs().get(r).theta1(), two.runs().get(r).theta1(), 0.0);
            assertArrayEquals(one.runs().get(r).theta2(), two.runs().get(r).theta2(), 0.0);
            assertArrayEquals(one.runs().get(r).curve().avgReward1(), two.runs().get(r).curve().avgReward1(), 0.0);
        }
    }

    @Test
    void runsStartFromDifferentSeededLogitsAndEachRunIsReproducible() {
        TrainingConfig c = config(LookaheadLola.exact(1, 1), LookaheadLola.exact(1, 1), 0, 3, 1);
        double[] r0 = c.initialLogits(0, 0);
        assertArrayEquals(r0, c.initialLogits(0, 0), 0.0);
        assertTrue(r0[0] != c.initialLogits(0, 1)[0]);
        assertTrue(r0[0] != c.initialLogits(1, 0)[0]);
    }

    @Test
    void fixedStrategiesKeepTheirLogitsAndProgressIsReported() {
        LearningRule tft = FixedStrategyRule.of("tft", Map.of());
        AtomicLong units = new AtomicLong();
        TrainingResult result = Trainer.train(config(LookaheadLola.exact(1, 1), tft, 25, 2, 1), 2, units::addAndGet);
        assertEquals(50, units.get());
        double[] tftLogits = FixedStrategies.create("tft", BuiltInGames.IPD, 1).logits(BuiltInGames.IPD, 1);
        for (RunResult run : result.runs()) {
            assertArrayEquals(tftLogits, run.theta2(), 0.0);
            assertEquals(26, run.curve().length());
        }
    }

    @Test
    void theCurveStartsAtTheInitialPointAndEndsAtTheFinalOne() {
        TrainingResult result = Trainer.train(config(LookaheadLola.exact(1, 1), LookaheadLola.exact(0, 1), 10, 1,
                1), 1, ProgressListener.NONE);
        RunResult run = result.runs().get(0);
        assertEquals(run.outcome().avgReward1(), run.curve().avgReward1()[10], 0.0);
        assertEquals(run.outcome().pCoop2(), run.curve().pCoop2()[10], 0.0);
    }

    @Test
    void aDivergingRunStopsWithAMessageNamingRunUpdateAndAgent() {
        LearningRule broken = new LearningRule() {
            @Override
            public Learner newLearner(IteratedGame game, int agent) {
                return new Learner() {
                    @Override
                    public int agent() {
                        return agent;
                    }

                    @Override
                    public boolean learns() {
                        return true;
                    }

                    @Override
                    public void direction(double[] theta, UpdateKey key, double[] out) {
                        java.util.Arrays.fill(out, key.update() == 3 ? Double.NaN : 0.1);
                    }
                };
            }

            @Override
            public String describe() {
                return "broken";
            }
        };
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> Trainer.train(config(LookaheadLola.exact(1, 1), broken, 10, 1, 1), 1, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("run 0 diverged at update 4: agent 2"), e.getMessage());
    }

    @Test
    void anOverflowingLogitIsADivergence() {
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> Trainer.train(config(LookaheadLola.exact(1, 1), LookaheadLola.exact(1, 1), 5, 1, 1e308), 1,
                        ProgressListener.NONE));
        assertTrue(e.getMessage().contains("became"), e.getMessage());
    }

    @Test
    void adamTakesSignSizedFirstSteps() {
        // With bias correction Adam's first step is lr * g / (|g| + eps) per component.
        Optimizer adam = Optimizer.Kind.ADAM.create(0.2, 3);
        double[] theta = {0, 1, -1};
        adam.step(theta, new double[] {2.0, -0.5, 1e-3});
        assertArrayEquals(new double[] {0.2 * 2 / (2 + 1e-8), 1 - 0.2 * 0.5 / (0.5 + 1e-8),
                -1 + 0.2 * 1e-3 / (1e-3 + 1e-8)}, theta, 1e-15);
        // Second step with the same gradient: m and v are corrected back to g and g^2, so again lr * sign.
        double before = theta[0];
        adam.step(theta, new double[] {2.0, -0.5, 1e-3});
        assertEquals(0.2 * 2 / (2 + 1e-8), theta[0] - before, 1e-12);
    }

    /**
     * Comparing with the exact directions changes nothing in the run, records NaN for exact learners, and records
     * for a sampled one exactly the correlation and cosine of its direction with the exact learner's at the same
     * point (recomputed here for the first update); a large batch agrees better than a small one.
     */
    @Test
    void comparingWithExactDirectionsRecordsTheirAgreementAndChangesNothing() {
        IteratedGame finite = IteratedGame.finite(BuiltInGames.IPD, 0.96, 20);
        LearningRule sampled = new LookaheadLola(1, 1.0, dice(16), dice(16), dice(16), true);
        LearningRule exact = LookaheadLola.exact(1, 1.0);
        TrainingConfig c = new TrainingConfig(finite, sampled, exact, 12, 0.5, Optimizer.Kind.SGD,
                new Initialisation.Normal(1.0), null, null, 2, 5);
        TrainingResult plain = Trainer.train(c, 1, ProgressListener.NONE);
        TrainingResult compared = Trainer.train(c, 2, ProgressListener.NONE, true);
        for (int r = 0; r < 2; r++) {
            assertArrayEquals(plain.runs().get(r).theta1(), compared.runs().get(r).theta1(), 0.0);
            assertEquals(null, plain.runs().get(r).agreement());
            DirectionAgreement a = compared.runs().get(r).agreement();
            assertEquals(12, a.corr1().length);
            for (int u = 0; u < 12; u++) {
                assertTrue(Double.isNaN(a.corr(1, u)) && Double.isNaN(a.cosine(1, u)), "agent 2 is exact");
                assertTrue(a.corr(0, u) > -1 && a.corr(0, u) < 1, "a sampled direction is not exact");
            }
        }
        // Update 1 of run 0, recomputed.
        double[] theta1 = c.initialLogits(0, 0);
        double[] theta2 = c.initialLogits(1, 0);
        double[] joint = finite.layout().join(theta1, theta2);
        double[] x = new double[theta1.length];
        double[] y = new double[theta1.length];
        sampled.newLearner(finite, 0).direction(joint, new UpdateKey(5, 0, 0), x);
        exact.newLearner(finite, 0).direction(joint, new UpdateKey(5, 0, 0), y);
        DirectionAgreement first = compared.runs().get(0).agreement();
        assertEquals(Correlation.pearson(x, y), first.corr(0, 0), 0.0);
        assertEquals(Correlation.cosine(x, y), first.cosine(0, 0), 0.0);

        TrainingConfig large = new TrainingConfig(finite, new LookaheadLola(1, 1.0, dice(1024), dice(1024),
                dice(1024), true), exact, 12, 0.5, Optimizer.Kind.SGD, new Initialisation.Normal(1.0), null, null,
                2, 5);
        double small = meanCorr(compared);
        double big = meanCorr(Trainer.train(large, 2, ProgressListener.NONE, true));
        assertTrue(big > small && big > 0.9, "batch 1024 mean corr " + big + " vs batch 16 " + small);
    }

    private static EstimatorSpec dice(int batch) {
        return new SampledEstimatorSpec(Surrogates.dice(), batch, 20, BaselineKind.MEAN, 0,
                Double.POSITIVE_INFINITY);
    }

    private static double meanCorr(TrainingResult result) {
        double sum = 0;
        int n = 0;
        for (RunResult r : result.runs()) {
            for (double v : r.agreement().corr1()) {
                sum += v;
                n++;
            }
        }
        return sum / n;
    }
}
