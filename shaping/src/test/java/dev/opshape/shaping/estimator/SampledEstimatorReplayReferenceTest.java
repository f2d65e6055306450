package dev.opshape.shaping.estimator;

import dev.opshape.games.IteratedGame;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.tabular.sample.TrajectoryBatch;
import dev.opshape.tabular.sample.TrajectorySampler;
import dev.opshape.testkit.Vectors;
import org.apache.commons.rng.core.source64.Philox4x64;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static dev.opshape.shaping.estimator.BatchSurrogateReferenceTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole {@link SampledEstimator} (sampling, FIFO replay buffer, importance weights, clipping, baselines
 * including the learned table's fitting schedule) against {@link MagicBoxReference}: after each of a sequence of
 * {@code setPoint} calls at different points, the test rebuilds the buffer the documentation describes (the B fresh
 * trajectories of call k overwrite the oldest slots, slot j drawn from Philox stream (seed_k, stream_k, j) at point
 * k), and, for the learned baseline, its own table fitted as {@link BaselineKind#LEARNED} and {@link LearnedBaseline}
 * document it (after each batch, each visited state's entry moves 0.1 of the way to the batch mean of the discounted
 * reward-to-go of the moves made from it; a batch is estimated with the table of the earlier batches), and for the
 * noisy baseline its errors drawn from commons-rng's Philox4x64 at the documented counter ({@link #noisyValues}). The
 * estimator's value, gradient and Hessian-vector products (DiCE and LVC) must equal the literal objective's
 * DerivativeStructure derivatives on that rebuilt batch at the current point, to 1e-10 of the sum of the absolute
 * values of the terms (derived in {@link BatchSurrogateReferenceTest}).
 */
class SampledEstimatorReplayReferenceTest {

    private static final double RELATIVE = 1e-10;

    /**
     * Seeded cases: each game and baseline with (batch 4, no buffer), (batch 3, buffer 8: the ring wraps in the
     * third call, mid-batch) and (batch 2, buffer 5, clip 1.3).
     */
    static Stream<Arguments> cases() {
        SplittableRandom random = new SplittableRandom(0x5EED_0002L);
        List<Arguments> cases = new ArrayList<>();
        int[][] configs = {{4, 0}, {3, 8}, {2, 5}};
        for (String game : List.of("ipd", "rps", "asym-2x3")) {
            for (BaselineKind baseline : BaselineKind.values()) {
                for (int[] config : configs) {
                    double clip = config[0] == 2 ? 1.3 : Double.POSITIVE_INFINITY;
                    cases.add(Arguments.of(game, baseline, config[0], config[1], clip, 3 + random.nextInt(6),
                            random.nextLong()));
                }
            }
        }
        return cases.stream();
    }

    /**
     * The documented noisy baseline, rebuilt from commons-rng: the errors are the standard normal draws of
     * {@code Philox4x64(seed, stream, 0, 0, 2^64 - 1, 0)}, player 0's S first, scaled by |V_T|_2 / S (noise 1).
     */
    static StateBaseline noisyValues(ExactEvaluator exact, long seed, long stream, int steps) {
        int states = exact.problem().model().numStates();
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(
                new Philox4x64(new long[] {seed, stream, 0, 0, -1L, 0}));
        double[][] error = new double[2][states];
        for (int i = 0; i < 2; i++) {
            double squares = 0;
            for (int s = 0; s < states; s++) {
                squares += Math.pow(exact.stateValue(i, s, steps), 2);
            }
            double scale = Math.sqrt(squares) / states;
            for (int s = 0; s < states; s++) {
                error[i][s] = scale * gaussian.sample();
            }
        }
        return (agent, row, movesLeft) -> exact.stateValue(agent, row, movesLeft) + error[agent][row];
    }

    @ParameterizedTest(name = "{0} baseline={1} batch={2} buffer={3} clip={4} T={5}")
    @MethodSource("cases")
    void estimatesEqualTheLiteralObjectiveOnTheDocumentedBuffer(String name, BaselineKind baseline, int batch,
                                                               int buffer, double clip, int steps, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        IteratedGame game = IteratedGame.finite(EstimatorFixtures.game(name), 0.9, steps);
        // The DiCE estimator is created from the infinite-horizon game: create() must replace the horizon by T.
        SampledEstimator dice = (SampledEstimator) new SampledEstimatorSpec(Surrogates.dice(), batch, steps, baseline,
                buffer, clip).create(IteratedGame.infinite(game.game(), game.gamma()));
        SampledEstimator lvc = (SampledEstimator) new SampledEstimatorSpec(Surrogates.lvc(), batch, steps, baseline,
                buffer, clip).create(game);
        int capacity = buffer > 0 ? buffer : batch;
        TrajectoryBatch rebuilt = TrajectoryBatch.full(2, capacity, steps, false);
        TrajectorySampler sampler = new TrajectorySampler(game);
        ExactEvaluator exact = game.newEvaluator();
        double[][] learned = new double[2][1 + game.game().numOutcomes()];
        double[] base1 = EstimatorFixtures.gaussian(random, game.dimension(0), 1.0);
        double[] base2 = EstimatorFixtures.gaussian(random, game.dimension(1), 1.0);
        int d = game.jointDimension();
        double[] out = new double[d];
        long counter = 0;   // trajectories drawn so far: the next slot is counter mod capacity
        for (int call = 0; call < 5; call++) {
            double[] theta1 = EstimatorFixtures.perturbed(random, base1, 0.3);
            double[] theta2 = EstimatorFixtures.perturbed(random, base2, 0.3);
            long callSeed = random.nextLong();
            long stream = random.nextInt(1 << 20);
            dice.setPoint(Vectors.concat(theta1, theta2), callSeed, stream);
            lvc.setPoint(Vectors.concat(theta1, theta2), callSeed, stream);

            int[] fresh = new int[batch];
            for (int k = 0; k < batch; k++) {
                int slot = (int) (counter++ % capacity);
                fresh[k] = slot;
                sampler.sample(theta1, theta2, callSeed, stream, rebuilt, slot, slot + 1);
            }
            int count = (int) Math.min(counter, capacity);
            exact.setPoint(theta1, theta2);
            StateBaseline values = switch (baseline) {
                case EXACT -> exact::stateValue;
                case NOISY -> noisyValues(exact, callSeed, stream, steps);
                default -> (agent, row, movesLeft) -> learned[agent][row];
            };

            double[] v = EstimatorFixtures.gaussian(random, d, 1.0);
            for (int agent = 0; agent < 2; agent++) {
                String where = "call " + call + " agent " + agent + " ";
                MagicBoxReference.Result refDice = MagicBoxReference.evaluate(game, rebuilt, count, theta1, theta2,
                        agent, Surrogates.dice(), baseline, values, buffer > 0, clip);
                MagicBoxReference.Result refLvc = MagicBoxReference.evaluate(game, rebuilt, count, theta1, theta2,
                        agent, Surrogates.lvc(), baseline, values, buffer > 0, clip);
                assertEquals(refDice.weightedReturn(), dice.value(agent), RELATIVE * refDice.returnMagnitude(),
                        where + "value");
                dice.gradient(agent, out);
                assertClose(refDice.gradient(), out, RELATIVE * refDice.gradientMagnitude(), where + "gradient");
                double tolerance = RELATIVE * refDice.curvatureMagnitude() * EstimatorFixtures.maxAbs(v);
                dice.hessianVectorProduct(agent, v, out);
                assertClose(refDice.hessianTimes(v), out, tolerance, where + "DiCE Hessian times v");
                lvc.hessianVectorProduct(agent, v, out);
                assertClose(refLvc.hessianTimes(v), out, tolerance, where + "LVC Hessian times v");
            }
            fitLearnedTable(learned, rebuilt, fresh, game.gamma());
        }
    }

    /**
     * The documented fit, written independently: after a batch, each state visited by the batch's moves (agent 1's
     * own-view state) moves its entry 0.1 of the way to the mean, over those moves, of the discounted reward-to-go.
     */
    private static void fitLearnedTable(double[][] table, TrajectoryBatch batch, int[] slots, double gamma) {
        int steps = batch.steps();
        int rows = table[0].length;
        for (int agent = 0; agent < 2; agent++) {
            double[] sum = new double[rows];
            int[] visits = new int[rows];
            for (int slot : slots) {
                for (int t = 0; t < steps; t++) {
                    double toGo = 0;
                    for (int u = steps - 1; u >= t; u--) {
                        toGo = batch.reward(agent)[slot * steps + u] + gamma * toGo;
                    }
                    int row = batch.observation(0)[slot * steps + t];
                    sum[row] += toGo;
                    visits[row]++;
                }
            }
            for (int row = 0; row < rows; row++) {
                if (visits[row] > 0) {
                    table[agent][row] += LearnedBaseline.RATE * (sum[row] / visits[row] - table[agent][row]);
                }
            }
        }
    }
}
