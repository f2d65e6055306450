package dev.opshape.bench;

import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.learner.Learner;
import dev.opshape.shaping.learner.LookaheadLola;
import dev.opshape.shaping.learner.UpdateKey;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One agent's exact LOLA-K direction ({@link LookaheadLola#exact}, docs/estimators.md#lola-k) on the IPD, gamma = 0.96,
 * eta = 1, as a sweep over the number of lookahead steps K: K forward steps (setPoint + gradient of the opponent's
 * value), the outer setPoint + gradient, and K backward Hessian-vector products. K = 0 is the naive learner (the
 * outer gradient alone), so (score(K) - score(0)) / K is the cost of one lookahead step, which should not depend
 * on K (the learner keeps one evaluator per step and allocates nothing). Infinite horizon ({@code horizon = 0}) and
 * T = 150 moves. The both-agents LOLA-LOLA step is {@code LolaStepBenchmark}'s (and, at the PyTorch comparison's
 * inputs, {@link PeerComparisonBenchmark}'s).
 *
 * <p>Pitfalls guarded:
 * <ul>
 *   <li>dead code [JMHSample_08]: the direction is written into a state array that the method returns;</li>
 *   <li>constant folding [JMHSample_10]: K, the horizon and the points are run-time {@code @Param}/{@code @State}
 *       values, not constants;</li>
 *   <li>loop optimisations [JMHSample_11]: one direction per operation, no hand-written loop; the point cycles
 *       through {@value Inputs#POINTS} random points (logits ~ N(0, 1)), so no two consecutive operations are
 *       identical;</li>
 *   <li>state scope [JMHSample_03/04]: thread-scoped learner (a workspace, not thread-safe), built at trial
 *       set-up, so its allocation (K + 1 evaluators) is not measured;</li>
 *   <li>allocation: {@code -prof gc}; the learner must not allocate per direction ({@link AllocationGate}).</li>
 * </ul>
 * Run: {@code java -jar bench/target/benchmarks.jar LookaheadLola -f 1 -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class LookaheadLolaBenchmark {

    /** Lookahead steps K (0 = naive learner, the intercept of the per-step cost). */
    @Param({"0", "1", "2", "5", "10"})
    public int k;

    /** 0 = infinite discounted horizon, otherwise T moves. */
    @Param({"0", "150"})
    public int horizon;

    private Learner learner;
    private UpdateKey key;
    private double[][] theta1;
    private double[][] theta2;
    private double[][] theta;
    private double[] direction;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        IteratedGame game = Inputs.iterated("ipd", horizon);
        learner = LookaheadLola.exact(k, 1.0).newLearner(game, 0);
        key = new UpdateKey(1, 0, 0);
        SplittableRandom rng = new SplittableRandom(0x1A1AL);
        theta1 = Inputs.gaussians(rng, Inputs.POINTS, game.dimension(0));
        theta2 = Inputs.gaussians(rng, Inputs.POINTS, game.dimension(1));
        theta = Inputs.joint(theta1, theta2);
        direction = new double[game.dimension(0)];
    }

    @Benchmark
    public double[] direction() {
        int i = next;
        next = (i + 1) & (Inputs.POINTS - 1);
        learner.direction(theta[i], key, direction);
        return direction;
    }
}
