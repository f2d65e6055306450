package dev.opshape.tabular.policy;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two actions, one logit x: {@link ActionLogits#probabilities} computes both probabilities from one exponential. The
 * likelier action's is bit for bit {@link ActionLogits#sigmoid}(|x|), both are within 3 ulps of sigmoid(+-x)
 * evaluated in 40-digit arithmetic (the small one keeps its relative accuracy, which 1 - p would lose; 3 ulps = one
 * for Math.exp, one for 1 / (1 + e), half for the product e / (1 + e), rounded up), and +-infinity gives exactly 1
 * and 0.
 */
class ActionLogitsTwoActionTest {

    @Test
    void bothProbabilitiesAreAccurateToAFewUlpsAndTheLikelierIsSigmoidOfTheAbsoluteLogit() {
        SplittableRandom random = new SplittableRandom(17);
        double[] pi = new double[2];
        for (int i = 0; i < 4_000; i++) {
            double x = i < 10 ? new double[] {0, -0.0, 1e-300, -1e-300, 1, -1, 36, -36, 700, -700}[i]
                    : random.nextGaussian() * (i % 3 == 0 ? 30 : 3);
            ActionLogits.probabilities(new double[] {x}, 0, 2, pi, 0);
            assertClose(exactSigmoid(x), pi[0], "p(action 0) at x = " + x);
            assertClose(exactSigmoid(-x), pi[1], "p(action 1) at x = " + x);
            double likely = Math.max(pi[0], pi[1]);
            assertEquals(Double.doubleToRawLongBits(ActionLogits.sigmoid(Math.abs(x))),
                    Double.doubleToRawLongBits(likely), "likelier probability at x = " + x);
        }
    }

    @Test
    void infiniteLogitsGiveCertainActions() {
        double[] pi = new double[2];
        ActionLogits.probabilities(new double[] {Double.POSITIVE_INFINITY}, 0, 2, pi, 0);
        assertEquals(1.0, pi[0], 0.0);
        assertEquals(0.0, pi[1], 0.0);
        ActionLogits.probabilities(new double[] {Double.NEGATIVE_INFINITY}, 0, 2, pi, 0);
        assertEquals(0.0, pi[0], 0.0);
        assertEquals(1.0, pi[1], 0.0);
    }

    private static void assertClose(double expected, double actual, String what) {
        double ulps = Math.abs(actual - expected) / Math.ulp(expected);
        assertTrue(ulps <= 3, what + ": expected " + expected + ", got " + actual + " (" + ulps + " ulps)");
    }

    /** 1 / (1 + exp(-x)) to 40 digits, rounded to double (exp from Math.exp's argument split into exact parts). */
    private static double exactSigmoid(double x) {
        MathContext mc = new MathContext(40);
        BigDecimal e = exp(new BigDecimal(-x), mc);
        return BigDecimal.ONE.divide(BigDecimal.ONE.add(e), mc).doubleValue();
    }

    /** exp(z) by squaring a Taylor series of exp(z / 2^k), to about 40 significant digits. */
    private static BigDecimal exp(BigDecimal z, MathContext mc) {
        int k = 0;
        BigDecimal r = z;
        while (r.abs().compareTo(BigDecimal.valueOf(0.5)) > 0) {
            r = r.divide(BigDecimal.valueOf(2), mc);
            k++;
        }
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int n = 1; n < 60; n++) {
            term = term.multiply(r, mc).divide(BigDecimal.valueOf(n), mc);
            sum = sum.add(term, mc);
        }
        MathContext wide = new MathContext(60);
        for (int i = 0; i < k; i++) {
            sum = sum.multiply(sum, wide);
        }
        return sum.round(mc);
    }
}
