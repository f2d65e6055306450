package dev.opshape.shaping.estimator;

import dev.opshape.games.IteratedGame;
import dev.opshape.testkit.Vectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * On-policy unbiasedness: the mean of independent DiCE estimates of the gradient, of a Hessian-vector product and of
 * the mixed product (v = (0, w), whose first block is (d/dtheta1 grad_2 V) w) of both agents' T-move values equals the
 * exact finite-horizon derivatives (ExactEvaluator on IteratedGame.finite(game, gamma, T)), for every baseline kind;
 * and the LVC Hessian, biased by design (it drops DiCE's cross-time terms), fails the same check.
 *
 * <h2>Statistics</h2>
 * Each replicate is one estimate from a fresh batch of B trajectories drawn from its own Philox stream (seed,
 * stream r); with no replay buffer setPoint overwrites every trajectory, so for NONE, MEAN and EXACT the replicates
 * are independent and identically distributed. The standard error of the mean of R replicates is estimated by
 * s / sqrt(R) per component, and every component must lie within 4 standard errors (more for large families, see
 * {@link Replicates#threshold}: the family-wise false-alarm rate of a correct estimator is kept at or below 0.5% per
 * case; with 60 components at 4 SE it is about 60 * 6.3e-5 = 0.4%, so over the 8 cases of this class a false alarm
 * somewhere has a probability of at most 4%; the seeds are fixed, so the outcome is reproducible, and a failure
 * should be investigated by rerunning the case with more replicates: a real bias grows in z like sqrt(R)).
 * B = 32 and R = 1500 give gradient standard errors of 1-5% of the gradient's norm and take about 0.3 s per case.
 *
 * <p>LEARNED: the table is fitted on earlier batches only, so the estimate of replicate r is unbiased given the past
 * (E[e_r | batches before r] = 0 for its error e_r): the errors are martingale differences, hence uncorrelated
 * (E[e_q e_r] = E[e_q E[e_r | past]] = 0 for q &lt; r), and the variance of their mean is the mean of their variances
 * / R, which s^2 / R estimates without bias. One estimator is therefore run through all R replicates (after a
 * burn-in of 20 batches so that the table is not 0), instead of paying for a fresh estimator with its own burn-in
 * per replicate.
 *
 * <h2>Power</h2>
 * The LVC Hessian-vector and mixed products on the same batches must miss the exact ones by more than 6 standard
 * errors in at least one component in the IPD (its bias at T = 20 is large); the measured biases are printed.
 */
class SampledEstimatorUnbiasednessTest {

    static final int HORIZON = 20;
    static final double GAMMA = 0.96;
    /** Family-wise false-alarm rate per case (see the class comment). */
    static final double FAMILY_RATE = 0.005;

    private static final int BATCH = 32;
    private static final int REPLICATES = 1500;
    private static final int BURN_IN = 20;

    /** Seeded cases: ipd and rps, each baseline kind, at a random point with N(0, 1) logits. */
    static Stream<Arguments> cases() {
        SplittableRandom random = new SplittableRandom(0x5EED_0003L);
        List<Arguments> cases = new ArrayList<>();
        for (String name : List.of("ipd", "rps")) {
            for (BaselineKind baseline : BaselineKind.values()) {
                IteratedGame game = IteratedGame.finite(EstimatorFixtures.game(name), GAMMA, HORIZON);
                cases.add(Arguments.of(name, baseline,
                        EstimatorFixtures.gaussian(random, game.dimension(0), 1.0),
                        EstimatorFixtures.gaussian(random, game.dimension(1), 1.0),
                        EstimatorFixtures.gaussian(random, game.jointDimension(), 1.0),
                        EstimatorFixtures.gaussian(random, game.dimension(1), 1.0),
                        random.nextLong()));
            }
        }
        return cases.stream();
    }

    /**
     * Writes, for both agents, grad V_i, (hess V_i) v and (hess V_i) (0, w) into one vector of 6 d components
     * (d = joint dimension), in that order per agent.
     */
    static double[] queries(GradientEstimator estimator, double[] v, double[] mixed) {
        int d = estimator.dimension();
        double[] all = new double[6 * d];
        double[] out = new double[d];
        for (int agent = 0; agent < 2; agent++) {
            estimator.gradient(agent, out);
            System.arraycopy(out, 0, all, (3 * agent) * d, d);
            estimator.hessianVectorProduct(agent, v, out);
            System.arraycopy(out, 0, all, (3 * agent + 1) * d, d);
            estimator.hessianVectorProduct(agent, mixed, out);
            System.arraycopy(out, 0, all, (3 * agent + 2) * d, d);
        }
        return all;
    }

    static String label(int component, int d) {
        int block = component / d;
        String[] kinds = {"grad", "H v", "H (0,w)"};
        return "agent " + (block / 3 + 1) + " " + kinds[block % 3] + "[" + component % d + "]";
    }

    @ParameterizedTest(name = "{0} baseline={1}")
    @MethodSource("cases")
    void diceIsUnbiasedAndLvcHessianIsNot(String name, BaselineKind baseline, double[] theta1, double[] theta2,
                                          double[] v, double[] w, long seed) {
        IteratedGame game = IteratedGame.finite(EstimatorFixtures.game(name), GAMMA, HORIZON);
        double[] mixed = EstimatorFixtures.opponentDirection(game.dimension(0), w);
        int d = game.jointDimension();
        ExactGradients exact = new ExactGradients(game);
        exact.setPoint(Vectors.concat(theta1, theta2), 0, 0);
        double[] reference = queries(exact, v, mixed);

        GradientEstimator dice = new SampledEstimatorSpec(Surrogates.dice(), BATCH, HORIZON, baseline, 0,
                Double.POSITIVE_INFINITY).create(game);
        GradientEstimator lvc = new SampledEstimatorSpec(Surrogates.lvc(), BATCH, HORIZON, baseline, 0,
                Double.POSITIVE_INFINITY).create(game);
        for (int k = 0; k < (baseline == BaselineKind.LEARNED ? BURN_IN : 0); k++) {
            dice.setPoint(Vectors.concat(theta1, theta2), seed, -1 - k);
            lvc.setPoint(Vectors.concat(theta1, theta2), seed, -1 - k);
        }
        Replicates diceStats = new Replicates(6 * d);
        Replicates lvcStats = new Replicates(6 * d);
        for (int r = 0; r < REPLICATES; r++) {
            dice.setPoint(Vectors.concat(theta1, theta2), seed, r);
            lvc.setPoint(Vectors.concat(theta1, theta2), seed, r);
            diceStats.add(queries(dice, v, mixed));
            lvcStats.add(queries(lvc, v, mixed));
        }

        double threshold = Replicates.threshold(6 * d, REPLICATES, FAMILY_RATE);
        double[] z = diceStats.zScores(reference);
        int worst = Replicates.argMaxAbs(z);
        double[] lvcZ = lvcStats.zScores(reference);
        int lvcWorst = Replicates.argMaxAbs(lvcZ);
        double[] lvcBias = hessianBlocks(lvcStats.mean(), reference, d, true);
        double[] exactHessian = hessianBlocks(reference, reference, d, false);
        System.out.printf(Locale.ROOT, "unbiasedness %s %s: DiCE max |z| %.2f at %s (threshold %.2f); LVC max |z| "
                        + "%.1f at %s, LVC Hessian bias norm %.4g, relative %.3f (exact Hessian blocks norm %.4g)%n",
                name, baseline, Math.abs(z[worst]), label(worst, d), threshold, Math.abs(lvcZ[lvcWorst]),
                label(lvcWorst, d), EstimatorFixtures.norm(lvcBias),
                EstimatorFixtures.norm(lvcBias) / EstimatorFixtures.norm(exactHessian),
                EstimatorFixtures.norm(exactHessian));

        if (!(Math.abs(z[worst]) <= threshold)) {
            double[] mean = diceStats.mean();
            double[] se = diceStats.standardError();
            fail(String.format(Locale.ROOT, "DiCE %s, baseline %s: %s mean %.6g vs exact %.6g, SE %.3g: z = %.2f > "
                            + "%.2f (false-alarm probability of this component %.2g)", name, baseline,
                    label(worst, d), mean[worst], reference[worst], se[worst], z[worst], threshold,
                    Replicates.tail(z[worst], REPLICATES)));
        }
        if (name.equals("ipd")) {
            // Only the Hessian blocks can be biased (LVC's gradient is DiCE's), so the largest z must be there.
            double maxHessianZ = 0;
            for (int k = 0; k < 6 * d; k++) {
                if ((k / d) % 3 != 0) {
                    maxHessianZ = Math.max(maxHessianZ, Math.abs(lvcZ[k]));
                }
            }
            assertTrue(maxHessianZ > 6, "LVC Hessian should be detectably biased in the IPD at T = " + HORIZON
                    + ": max |z| = " + maxHessianZ);
        }
    }

    /** The four Hessian-product blocks (H v and H (0, w) of both agents) of a 6 d vector, minus those of ref. */
    static double[] hessianBlocks(double[] x, double[] ref, int d, boolean subtract) {
        double[] out = new double[4 * d];
        int j = 0;
        for (int block = 0; block < 6; block++) {
            if (block % 3 == 0) {
                continue;
            }
            for (int k = 0; k < d; k++) {
                out[j++] = x[block * d + k] - (subtract ? ref[block * d + k] : 0);
            }
        }
        return out;
    }
}
