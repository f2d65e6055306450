package dev.opshape.shaping.estimator;

import dev.opshape.games.IteratedGame;
import dev.opshape.tabular.policy.ActionLogits;
import dev.opshape.tabular.sample.TrajectoryBatch;
import dev.opshape.tabular.sample.TrajectorySampler;
import dev.opshape.testkit.Vectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link BatchSurrogate}'s closed forms against the DiCE and LVC objectives written literally and differentiated by
 * {@link MagicBoxReference} (commons-math3 DerivativeStructure, order 2), on small stored batches drawn by the
 * {@link TrajectorySampler}: value, gradient, Hessian times a random direction and the mixed product (v = (0, w)),
 * for both agents, both surrogates, every baseline, on-policy, off-policy and off-policy with clipping; each also on
 * a batch of the same game with trembling-hand noise (intended actions scored, executed outcomes paid).
 *
 * <h2>Tolerance: 1e-10 relative to the sum of the absolute values of the terms</h2>
 * Both sides sum the same finitely many terms (per trajectory and step: omega_t = c_t w_t times products of at most
 * two score entries, or one Hessian entry, of the steps u &lt;= t), in different orders and groupings. A sum of n
 * floating-point terms is accurate to n * 2^-53 * (sum of |terms|), so the natural scale of the error is not the
 * result (which may cancel to nearly 0) but the sum of |terms|. Bounding each score entry by 1, each score's l1 norm
 * by 4 (two agents, each at most 2 for a softmax), each entry of (hess l) v by 2 |v|_inf, that sum is at most
 * <ul>
 *   <li>value: S_0 = (1/N) sum_{b,t} |gamma^t r_t w_t|;</li>
 *   <li>gradient: S_1 = (1/N) sum_{b,t} [|omega_t| (t + 1) + |beta_t|];</li>
 *   <li>Hessian times v: S_2 |v|_inf with S_2 = (1/N) sum_{b,t} [|omega_t| (4 (t + 1)^2 + 2 (t + 1)) + 6 |beta_t|]
 *       (the LVC terms are a subset of these);</li>
 * </ul>
 * (beta_t = gamma^t b(s_t) rho_t, the state-baseline terms). Here n &lt;= N T^2 L &lt; 3000 terms, so the summation
 * error is below 3000 * 1.1e-16 = 3.3e-13 S; the weights differ by the rounding of exp and log of at most T terms
 * (a few 1e-15 relative). A tolerance of 1e-10 S thus leaves a margin of 300 over the worst case, while a wrong,
 * missing or extra group of terms (one step, one agent's block, one kind of product) changes a component by roughly
 * that group's share of S, typically S / (N T) or more: millions of times the tolerance. (Mutations of the kernels,
 * such as dropping the baseline's score term, a plain instead of a leave-one-out mean, or an off-by-one in the
 * moves left, fail dozens of these cases.)
 */
class BatchSurrogateReferenceTest {

    private static final double RELATIVE = 1e-10;

    enum Mode {
        /** Evaluated at the sampling point, trajectories marked on-policy (no ratios). */
        ON_POLICY,
        /** Evaluated at another point, the stored log-probabilities as the behaviour policy. */
        OFF_POLICY,
        /** As OFF_POLICY, with a clip below about a third of the ratios. */
        CLIPPED
    }

    /**
     * Seeded cases: every game, mode and baseline, twice, with random N in [1, 8] and T in [1, 10]; then each of them
     * again with noise 0.3 (the same random draws, so the noiseless cases are those the test always had).
     */
    static Stream<Arguments> cases() {
        SplittableRandom random = new SplittableRandom(0x5EED_0001L);
        List<Arguments> cases = new ArrayList<>();
        for (String game : List.of("ipd", "rps", "asym-2x3")) {
            for (Mode mode : Mode.values()) {
                for (BaselineKind baseline : BaselineKind.values()) {
                    for (int rep = 0; rep < 2; rep++) {
                        // The first repetition uses a full batch, so every baseline meets N > 1 at least once.
                        int count = rep == 0 ? 2 + random.nextInt(7) : 1 + random.nextInt(8);
                        int steps = 1 + random.nextInt(10);
                        long seed = random.nextLong();
                        cases.add(Arguments.of(game, mode, baseline, count, steps, seed, 0.0));
                        cases.add(Arguments.of(game, mode, baseline, count, steps, seed, 0.3));
                    }
                }
            }
        }
        return cases.stream();
    }

    /** A stored batch and the point at which its surrogate is evaluated. */
    private record Setup(IteratedGame game, TrajectoryBatch batch, int count, double[] eval1, double[] eval2,
                         boolean offPolicy, double clip, StateBaseline values) {
    }

    private static Setup setup(String name, Mode mode, int count, int steps, long seed, double noise) {
        SplittableRandom random = new SplittableRandom(seed);
        IteratedGame game = IteratedGame.finite(EstimatorFixtures.game(name), 0.8 + 0.19 * random.nextDouble(),
                steps).withNoise(noise);
        double[] sample1 = EstimatorFixtures.gaussian(random, game.dimension(0), 1.0);
        double[] sample2 = EstimatorFixtures.gaussian(random, game.dimension(1), 1.0);
        // Two spare trajectories beyond count: the surrogate must read trajectories [0, count) only.
        TrajectoryBatch batch = TrajectoryBatch.full(2, count + 2, steps, game.isNoisy());
        new TrajectorySampler(game).sample(sample1, sample2, random.nextLong(), random.nextInt(1000), batch);
        boolean offPolicy = mode != Mode.ON_POLICY;
        double[] eval1 = offPolicy ? EstimatorFixtures.perturbed(random, sample1, 0.5) : sample1;
        double[] eval2 = offPolicy ? EstimatorFixtures.perturbed(random, sample2, 0.5) : sample2;
        double clip = mode == Mode.CLIPPED ? clipBetweenRatios(game, batch, count, eval1, eval2)
                : Double.POSITIVE_INFINITY;
        // Known state values b(agent, row, movesLeft), arbitrary (not values of anything): the baseline term's
        // closed form must hold for any table, and for LEARNED and EXACT the surrogate only reads it.
        int rows = 1 + game.game().numOutcomes();
        double[][][] table = new double[2][rows][steps + 1];
        for (double[][] perAgent : table) {
            for (double[] perRow : perAgent) {
                for (int h = 0; h <= steps; h++) {
                    perRow[h] = 3 * random.nextGaussian();
                }
            }
        }
        StateBaseline values = (agent, row, movesLeft) -> table[agent][row][movesLeft];
        return new Setup(game, batch, count, eval1, eval2, offPolicy, clip, values);
    }

    /**
     * A clip about a third of the per-step ratios exceed, placed at the geometric midpoint of a gap between two
     * sorted ratios at least 1e-6 apart (relative), so that rounding cannot flip a decision between the two sides.
     */
    private static double clipBetweenRatios(IteratedGame game, TrajectoryBatch batch, int count, double[] theta1,
                                            double[] theta2) {
        int n = game.game().numActions(0);
        int m = game.game().numActions(1);
        int l1 = ActionLogits.logitsFor(n);
        int l2 = ActionLogits.logitsFor(m);
        int total = count * batch.steps();
        double[] ratios = new double[total];
        for (int idx = 0; idx < total; idx++) {
            double current = ActionLogits.logProbability(theta1, batch.observation(0)[idx] * l1, n,
                    intended(batch, 0, idx, n, m))
                    + ActionLogits.logProbability(theta2, batch.observation(1)[idx] * l2, m, intended(batch, 1, idx, n, m));
            ratios[idx] = Math.exp(current - batch.logProb(0)[idx] - batch.logProb(1)[idx]);
        }
        Arrays.sort(ratios);
        for (int k = (2 * total) / 3; k < total - 1; k++) {
            if (ratios[k + 1] > ratios[k] * (1 + 1e-6)) {
                return Math.sqrt(ratios[k] * ratios[k + 1]);
            }
        }
        for (int k = (2 * total) / 3 - 1; k >= 0; k--) {
            if (ratios[k + 1] > ratios[k] * (1 + 1e-6)) {
                return Math.sqrt(ratios[k] * ratios[k + 1]);
            }
        }
        return 0.5 * ratios[0];   // all ratios equal: clip every step
    }

    /** The agent's intended action at a step: the executed one in a noiseless batch. */
    private static int intended(TrajectoryBatch batch, int agent, int idx, int n, int m) {
        if (!batch.hasIntended()) {
            return batch.action(agent)[idx];
        }
        // The intended joint action is the intended cell modulo the n m joint actions.
        int joint = batch.intendedCell()[idx] % (n * m);
        return agent == 0 ? joint / m : joint % m;
    }

    @ParameterizedTest(name = "{0} {1} baseline={2} N={3} T={4} noise={6}")
    @MethodSource("cases")
    void closedFormsEqualTheMagicBoxObjectivesDifferentiatedByDerivativeStructure(String name, Mode mode,
                                                                                  BaselineKind baseline, int count,
                                                                                  int steps, long seed, double noise) {
        Setup s = setup(name, mode, count, steps, seed, noise);
        IteratedGame game = s.game();
        ScoreTables tables = new ScoreTables(game);
        tables.load(Vectors.concat(s.eval1(), s.eval2()));
        BatchSurrogate surrogate = new BatchSurrogate(game, s.batch().capacity(), steps);
        surrogate.load(tables, s.batch(), count, s.offPolicy(), s.clip());
        surrogate.setWeights(0, baseline, s.values());
        surrogate.setWeights(1, baseline, s.values());

        int d = game.jointDimension();
        SplittableRandom random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        double[] v = EstimatorFixtures.gaussian(random, d, 1.0);
        double[] mixed = EstimatorFixtures.opponentDirection(game.dimension(0),
                EstimatorFixtures.gaussian(random, game.dimension(1), 1.0));
        double[] out = new double[d];
        for (int agent = 0; agent < 2; agent++) {
            MagicBoxReference.Result dice = MagicBoxReference.evaluate(game, s.batch(), count, s.eval1(), s.eval2(),
                    agent, Surrogates.dice(), baseline, s.values(), s.offPolicy(), s.clip());
            MagicBoxReference.Result lvc = MagicBoxReference.evaluate(game, s.batch(), count, s.eval1(), s.eval2(),
                    agent, Surrogates.lvc(), baseline, s.values(), s.offPolicy(), s.clip());
            String where = "agent " + agent + " ";

            assertEquals(dice.weightedReturn(), surrogate.value(agent), RELATIVE * dice.returnMagnitude(),
                    where + "value (importance-weighted mean return)");

            double gradientTolerance = RELATIVE * dice.gradientMagnitude();
            surrogate.gradient(agent, out);
            assertClose(dice.gradient(), out, gradientTolerance, where + "gradient vs DiCE objective");
            assertClose(lvc.gradient(), out, gradientTolerance, where + "gradient vs LVC objective");

            for (double[] direction : new double[][] {v, mixed}) {
                String label = direction == v ? "Hessian times random v" : "mixed product, v = (0, w)";
                double tolerance = RELATIVE * dice.curvatureMagnitude() * EstimatorFixtures.maxAbs(direction);
                surrogate.hessianVectorProduct(Surrogates.dice(), agent, direction, out);
                assertClose(dice.hessianTimes(direction), out, tolerance, where + "DiCE " + label);
                surrogate.hessianVectorProduct(Surrogates.lvc(), agent, direction, out);
                assertClose(lvc.hessianTimes(direction), out, tolerance, where + "LVC " + label);
            }
        }
    }

    /**
     * The MAML surrogate and Loaded DiCE at lambda 1, 0.5 and 0, on-policy: their closed-form Hessian-vector
     * products equal their literal objectives differentiated by DerivativeStructure, and each literal objective's
     * gradient is DiCE's (the surrogates differ only at second order).
     */
    @ParameterizedTest(name = "{0} {1} baseline={2} N={3} T={4} noise={6}")
    @MethodSource("cases")
    void mamlAndLoadedClosedFormsEqualTheirObjectives(String name, Mode mode, BaselineKind baseline, int count,
                                                     int steps, long seed, double noise) {
        assumeTrue(mode == Mode.ON_POLICY, "Loaded DiCE is on-policy only");
        Setup s = setup(name, mode, count, steps, seed, noise);
        IteratedGame game = s.game();
        ScoreTables tables = new ScoreTables(game);
        tables.load(Vectors.concat(s.eval1(), s.eval2()));
        BatchSurrogate surrogate = new BatchSurrogate(game, s.batch().capacity(), steps);
        surrogate.load(tables, s.batch(), count, s.offPolicy(), s.clip());
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] v = EstimatorFixtures.gaussian(random, game.jointDimension(), 1.0);
        double[] out = new double[v.length];
        for (int agent = 0; agent < 2; agent++) {
            surrogate.setWeights(agent, baseline, s.values());
            MagicBoxReference.Result dice = MagicBoxReference.evaluate(game, s.batch(), count, s.eval1(), s.eval2(),
                    agent, Surrogates.dice(), baseline, s.values(), false, s.clip());
            double tolerance = RELATIVE * dice.curvatureMagnitude() * EstimatorFixtures.maxAbs(v);
            for (Surrogate candidate : List.of(Surrogates.maml(), Surrogates.loaded(1.0), Surrogates.loaded(0.5),
                    Surrogates.loaded(0.0))) {
                MagicBoxReference.Result ref = MagicBoxReference.evaluate(game, s.batch(), count, s.eval1(),
                        s.eval2(), agent, candidate, baseline, s.values(), false, s.clip());
                String where = "agent " + agent + " " + candidate + " ";
                assertClose(dice.gradient(), ref.gradient(), RELATIVE * dice.gradientMagnitude(),
                        where + "objective gradient vs DiCE");
                surrogate.hessianVectorProduct(candidate, agent, v, out);
                assertClose(ref.hessianTimes(v), out, tolerance, where + "Hessian times v");
            }
        }
    }

    /**
     * LVC's gradient is DiCE's (same first-order terms, see {@link Surrogate}), checked on the two literal objectives
     * themselves, independently of the closed forms (which share one gradient routine), for every mode and
     * baseline. Tolerance as above: the two DS computations sum the same terms in different orders.
     */
    @ParameterizedTest(name = "{0} {1} baseline={2} N={3} T={4} noise={6}")
    @MethodSource("cases")
    void lvcObjectiveHasTheDiceObjectivesGradient(String name, Mode mode, BaselineKind baseline, int count, int steps,
                                                  long seed, double noise) {
        Setup s = setup(name, mode, count, steps, seed, noise);
        for (int agent = 0; agent < 2; agent++) {
            MagicBoxReference.Result dice = MagicBoxReference.evaluate(s.game(), s.batch(), count, s.eval1(),
                    s.eval2(), agent, Surrogates.dice(), baseline, s.values(), s.offPolicy(), s.clip());
            MagicBoxReference.Result lvc = MagicBoxReference.evaluate(s.game(), s.batch(), count, s.eval1(),
                    s.eval2(), agent, Surrogates.lvc(), baseline, s.values(), s.offPolicy(), s.clip());
            assertClose(dice.gradient(), lvc.gradient(), RELATIVE * dice.gradientMagnitude(),
                    "agent " + agent + " LVC vs DiCE objective gradient");
        }
    }

    /**
     * Replaying trajectories at the very point that drew them must be the on-policy estimate bit for bit: the
     * current and stored log-probabilities are computed by the same function, so every ratio is exp(0) = 1 exactly.
     */
    @ParameterizedTest(name = "{0} {1} baseline={2} N={3} T={4} noise={6}")
    @MethodSource("cases")
    void replayAtTheSamplingPointIsBitwiseTheOnPolicyEstimate(String name, Mode mode, BaselineKind baseline,
                                                              int count, int steps, long seed, double noise) {
        assumeTrue(mode == Mode.ON_POLICY, "on-policy cases only");
        Setup s = setup(name, mode, count, steps, seed, noise);
        IteratedGame game = s.game();
        ScoreTables tables = new ScoreTables(game);
        tables.load(Vectors.concat(s.eval1(), s.eval2()));
        BatchSurrogate onPolicy = new BatchSurrogate(game, s.batch().capacity(), steps);
        BatchSurrogate replay = new BatchSurrogate(game, s.batch().capacity(), steps);
        onPolicy.load(tables, s.batch(), count, false, Double.POSITIVE_INFINITY);
        replay.load(tables, s.batch(), count, true, Double.POSITIVE_INFINITY);
        int d = game.jointDimension();
        double[] v = EstimatorFixtures.gaussian(new SplittableRandom(seed), d, 1.0);
        assertSameBits(onPolicy, replay, baseline, s.values(), v, true);
    }

    /**
     * A batch carrying intended outcomes, drawn in a noiseless game (where the sampler sets them to the executed
     * ones), gives the results of the same batch without them bit for bit: the passes score the intended outcomes
     * when a batch has them and the executed ones otherwise, and nothing else differs.
     */
    @ParameterizedTest(name = "{0} {1} baseline={2} N={3} T={4} noise={6}")
    @MethodSource("cases")
    void intendedPassesOnANoiselessBatchAreTheNoiselessPassesBitForBit(String name, Mode mode, BaselineKind baseline,
                                                                      int count, int steps, long seed, double noise) {
        assumeTrue(noise == 0, "noiseless cases only");
        Setup s = setup(name, mode, count, steps, seed, noise);
        IteratedGame game = s.game();
        TrajectoryBatch withIntended = TrajectoryBatch.full(2, s.batch().capacity(), steps, true);
        SplittableRandom again = new SplittableRandom(seed);
        again.nextDouble();
        double[] sample1 = EstimatorFixtures.gaussian(again, game.dimension(0), 1.0);
        double[] sample2 = EstimatorFixtures.gaussian(again, game.dimension(1), 1.0);
        new TrajectorySampler(game).sample(sample1, sample2, again.nextLong(), again.nextInt(1000), withIntended);
        assertArrayEquals(s.batch().cell(), withIntended.intendedCell(), "the same batch, intended = executed");
        ScoreTables tables = new ScoreTables(game);
        tables.load(Vectors.concat(s.eval1(), s.eval2()));
        BatchSurrogate plain = new BatchSurrogate(game, s.batch().capacity(), steps);
        BatchSurrogate generic = new BatchSurrogate(game, s.batch().capacity(), steps);
        plain.load(tables, s.batch(), count, s.offPolicy(), s.clip());
        generic.load(tables, withIntended, count, s.offPolicy(), s.clip());
        int d = game.jointDimension();
        double[] v = EstimatorFixtures.gaussian(new SplittableRandom(seed), d, 1.0);
        assertSameBits(plain, generic, baseline, s.values(), v, s.offPolicy());
    }

    /**
     * Both agents' values, gradients and every surrogate's Hessian-vector products along v agree bit for bit (on an
     * off-policy load, every surrogate that has an off-policy form).
     */
    private static void assertSameBits(BatchSurrogate x, BatchSurrogate y, BaselineKind baseline,
                                       StateBaseline values, double[] v, boolean offPolicy) {
        double[] a = new double[v.length];
        double[] b = new double[v.length];
        for (int agent = 0; agent < 2; agent++) {
            x.setWeights(agent, baseline, values);
            y.setWeights(agent, baseline, values);
            assertEquals(x.value(agent), y.value(agent), 0.0, "value");
            x.gradient(agent, a);
            y.gradient(agent, b);
            assertArrayEquals(a, b, "gradient");
            for (Surrogate surrogate : Surrogates.all()) {
                if (offPolicy && !surrogate.hasOffPolicyForm()) {
                    continue;
                }
                x.hessianVectorProduct(surrogate, agent, v, a);
                y.hessianVectorProduct(surrogate, agent, v, b);
                assertArrayEquals(a, b, surrogate + " Hessian-vector product");
            }
        }
    }

    /** The generated clipped cases really clip some steps and leave others (else CLIPPED would test nothing new). */
    @ParameterizedTest(name = "{0} {1} baseline={2} N={3} T={4} noise={6}")
    @MethodSource("cases")
    void clippedCasesClipSomeButNotAllSteps(String name, Mode mode, BaselineKind baseline, int count, int steps,
                                            long seed, double noise) {
        assumeTrue(mode == Mode.CLIPPED && count * steps >= 3, "clipped cases with at least 3 steps only");
        Setup s = setup(name, mode, count, steps, seed, noise);
        assertTrue(Double.isFinite(s.clip()), "clip");
        int n = s.game().game().numActions(0);
        int m = s.game().game().numActions(1);
        int clipped = 0;
        for (int idx = 0; idx < count * steps; idx++) {
            double current = ActionLogits.logProbability(s.eval1(), s.batch().observation(0)[idx]
                    * ActionLogits.logitsFor(n), n, intended(s.batch(), 0, idx, n, m))
                    + ActionLogits.logProbability(s.eval2(), s.batch().observation(1)[idx] * ActionLogits.logitsFor(m), m,
                    intended(s.batch(), 1, idx, n, m));
            clipped += Math.exp(current - s.batch().logProb(0)[idx] - s.batch().logProb(1)[idx]) > s.clip() ? 1 : 0;
        }
        assertTrue(clipped > 0 && clipped < count * steps, clipped + " of " + count * steps + " steps clipped");
    }

    static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(expected[i] - actual[i]) <= tolerance)) {
                fail(what + ": component " + i + " expected " + expected[i] + " but was " + actual[i]
                        + " (difference " + (actual[i] - expected[i]) + ", tolerance " + tolerance + ")\nexpected "
                        + Arrays.toString(expected) + "\nactual   " + Arrays.toString(actual));
            }
        }
    }
}
