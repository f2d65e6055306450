package dev.opshape.bench;

import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.learner.Learner;
import dev.opshape.shaping.learner.LearningRule;
import dev.opshape.shaping.learner.LookaheadLola;
import dev.opshape.shaping.learner.UpdateKey;
import dev.opshape.shaping.meta.MamlMetaGradient;
import dev.opshape.tabular.exact.ExactEvaluator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The Java side of the PyTorch comparison ({@code bench/pytorch/compare.py}): the same quantities at the same
 * inputs ({@link PeerInputs}) as the script computes with autograd in float64 on one thread, so that the two
 * timings can be divided.
 *
 * <ul>
 *   <li>{@code exactHessianVectorProduct}: H(V1) v over all 10 IPD logits at a point loaded beforehand; PyTorch's
 *       counterpart is one double backward through a retained graph of the gradient;</li>
 *   <li>{@code exactValueGradientHessianVectorProduct}: setPoint (values), the gradient of V1 and the product: the
 *       whole computation at a new point; PyTorch's counterpart builds V1 = p0 (I - gamma P)^-1 r1 from leaf logits,
 *       takes the gradient with create_graph and then the double backward;</li>
 *   <li>{@code lolaLolaStep} (K = 1, 10): both agents' exact LOLA-K directions from the same point (one update of a
 *       LOLA-LOLA pair); PyTorch differentiates through K opponent steps built with create_graph;</li>
 *   <li>{@code lolaDiceUpdate}: both agents' LOLA-DiCE K = 1 directions ({@value PeerInputs#DICE_AGENT}: B = 128,
 *       T = 150, mean baseline), sampling included (two batches per agent: the lookahead's and the outer one);
 *       PyTorch samples with the same inverse-CDF rule, vectorised over the batch, and backpropagates the DiCE
 *       magic-box objective through the lookahead;</li>
 *   <li>{@code mamlMetaGradient}: the exact MAML-RL meta-gradient d V(theta_5) / d theta_0 (alpha 10) on a 20 x 5
 *       MDP of the seed paper's random family, infinite horizon; PyTorch differentiates through the 5 exact inner
 *       steps (each a linear solve, built with create_graph).</li>
 * </ul>
 *
 * <p>Pitfalls guarded: dead code [JMHSample_08] (results returned or sunk into a {@link Blackhole});
 * constant folding [JMHSample_10] (the inputs are copied into non-final state fields at set-up, never
 * {@code static final} arrays or literals in the method); loop optimisations [JMHSample_11] (one computation per
 * call; the inputs are deliberately the same fixed point every time, because PyTorch is timed on exactly that
 * point, but nothing is cached between calls: each call recomputes from the logits; LOLA-DiCE draws fresh batches
 * on each call by cycling through 4096 pre-built update keys, so no key object is allocated in the measurement);
 * state scope [JMHSample_03/04] (thread-scoped evaluator and learners built at trial set-up).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar PeerComparison -f 1 -prof gc}, or the whole comparison with
 * {@code bench/pytorch/run.sh}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PeerComparisonBenchmark {

    private static final int KEYS = 4096;

    private double[] theta1;
    private double[] theta2;
    /** The joint vector (theta1, theta2). */
    private double[] theta;
    private double[] v;
    private ExactEvaluator exact;
    private double[] gradient;
    private double[] product;

    @Setup(Level.Trial)
    public void setUp() {
        theta1 = PeerInputs.theta1();
        theta2 = PeerInputs.theta2();
        theta = Inputs.joint(new double[][] {theta1}, new double[][] {theta2})[0];
        v = PeerInputs.direction();
        exact = PeerInputs.game().newEvaluator();
        gradient = new double[exact.dimension()];
        product = new double[exact.dimension()];
        exact.setPoint(theta1, theta2);
    }

    /** Both agents' exact LOLA-K learners. */
    @State(Scope.Thread)
    public static class LolaPair {
        /** Lookahead steps K. */
        @Param({"1", "10"})
        public int k;

        Learner agent1;
        Learner agent2;
        double[] direction1;
        double[] direction2;
        UpdateKey key;

        @Setup(Level.Trial)
        public void setUp() {
            IteratedGame game = PeerInputs.game();
            LookaheadLola rule = LookaheadLola.exact(k, PeerInputs.ETA);
            agent1 = rule.newLearner(game, 0);
            agent2 = rule.newLearner(game, 1);
            direction1 = new double[game.dimension(0)];
            direction2 = new double[game.dimension(1)];
            key = PeerInputs.key(0);
        }
    }

    /** Both agents' LOLA-DiCE learners and the update keys they cycle through. */
    @State(Scope.Thread)
    public static class DicePair {
        Learner agent1;
        Learner agent2;
        double[] direction1;
        double[] direction2;
        UpdateKey[] keys;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            IteratedGame game = PeerInputs.game();
            LearningRule rule = PeerInputs.diceRule();
            agent1 = rule.newLearner(game, 0);
            agent2 = rule.newLearner(game, 1);
            direction1 = new double[game.dimension(0)];
            direction2 = new double[game.dimension(1)];
            keys = new UpdateKey[KEYS];
            for (int u = 0; u < KEYS; u++) {
                keys[u] = PeerInputs.key(u);
            }
        }
    }

    /** The exact MAML-RL meta-gradient of the comparison (K = 5, alpha 10, 20 x 5 MDP, infinite horizon). */
    @State(Scope.Thread)
    public static class Maml {
        MamlMetaGradient meta;
        double[] theta0;
        double[] out;

        @Setup(Level.Trial)
        public void setUp() {
            meta = new MamlMetaGradient(PeerInputs.mamlMdp().problem(PeerInputs.MAML_GAMMA, 0),
                    PeerInputs.MAML_STEPS, PeerInputs.MAML_ALPHA);
            theta0 = PeerInputs.mamlTheta0();
            out = new double[meta.dimension()];
        }
    }

    @Benchmark
    public double[] mamlMetaGradient(Maml state) {
        state.meta.compute(state.theta0, state.out);
        return state.out;
    }

    @Benchmark
    public double[] exactHessianVectorProduct() {
        exact.hessianVectorProduct(0, v, product);
        return product;
    }

    @Benchmark
    public void exactValueGradientHessianVectorProduct(Blackhole bh) {
        exact.setPoint(theta1, theta2);
        bh.consume(exact.value(0));
        exact.gradient(0, gradient);
        exact.hessianVectorProduct(0, v, product);
        bh.consume(gradient);
        bh.consume(product);
    }

    @Benchmark
    public void lolaLolaStep(LolaPair pair, Blackhole bh) {
        pair.agent1.direction(theta, pair.key, pair.direction1);
        pair.agent2.direction(theta, pair.key, pair.direction2);
        bh.consume(pair.direction1);
        bh.consume(pair.direction2);
    }

    @Benchmark
    public void lolaDiceUpdate(DicePair pair, Blackhole bh) {
        UpdateKey key = pair.keys[pair.next];
        pair.next = (pair.next + 1) & (KEYS - 1);
        pair.agent1.direction(theta, key, pair.direction1);
        pair.agent2.direction(theta, key, pair.direction2);
        bh.consume(pair.direction1);
        bh.consume(pair.direction2);
    }
}
