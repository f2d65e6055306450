package dev.opshape.bench;

import dev.opshape.games.BuiltInGames;
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
 * One exact LOLA-LOLA training step on the IPD (gamma = 0.96, infinite horizon): both agents' update directions
 * from the same point, each an exact {@code LookaheadLola} with K lookahead steps (eta = 1, the LOLA paper's
 * setting). Per agent that is K + 1 evaluator set-ups (policies, transition rows, LU factorisation, values, row
 * coefficients), K opponent gradients, K Hessian-vector products and one outer gradient, all through the learner
 * and estimator interfaces training uses. Targets: K = 1 &lt;= 2 us, K = 5 &lt;= 8 us, 0 B/op.
 *
 * <p>Pitfalls guarded:
 * <ul>
 *   <li>a single repeated input: the point cycles through {@value #POINTS} pre-generated ones (logits ~ N(0, 1),
 *       fixed seed), so the values flowing through the kernels (and any data-dependent branch, such as a
 *       policy's probability underflowing) are varied as in training;</li>
 *   <li>dead-code elimination and constant folding: the directions are written into state arrays and a value read
 *       from them is returned; the inputs are {@code @State} fields;</li>
 *   <li>allocation: run with {@code -prof gc}; gc.alloc.rate.norm must be 0 B/op. The {@link UpdateKey} (which
 *       exact learners ignore) is built once at set-up, so the harness adds nothing.</li>
 * </ul>
 * Run: {@code java -jar bench/target/benchmarks.jar LolaStep -f 1 -wi 3 -w 1 -i 5 -r 1 -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LolaStepBenchmark {

    static final int POINTS = 64;

    /** Lookahead steps K. */
    @Param({"1", "5"})
    public int k;

    private Learner agent1;
    private Learner agent2;
    private double[][] theta1;
    private double[][] theta2;
    private double[][] theta;
    private double[] out1;
    private double[] out2;
    private UpdateKey key;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        IteratedGame game = IteratedGame.infinite(BuiltInGames.IPD, IteratedGame.DEFAULT_GAMMA);
        LookaheadLola rule = LookaheadLola.exact(k, 1.0);
        agent1 = rule.newLearner(game, 0);
        agent2 = rule.newLearner(game, 1);
        SplittableRandom random = new SplittableRandom(0x1A57E9L);
        theta1 = new double[POINTS][game.dimension(0)];
        theta2 = new double[POINTS][game.dimension(1)];
        for (int i = 0; i < POINTS; i++) {
            for (int c = 0; c < game.dimension(0); c++) {
                theta1[i][c] = random.nextGaussian();
            }
            for (int c = 0; c < game.dimension(1); c++) {
                theta2[i][c] = random.nextGaussian();
            }
        }
        theta = Inputs.joint(theta1, theta2);
        out1 = new double[game.dimension(0)];
        out2 = new double[game.dimension(1)];
        key = new UpdateKey(1, 0, 0);
    }

    @Benchmark
    public double step() {
        int i = next;
        next = (i + 1) & (POINTS - 1);
        agent1.direction(theta[i], key, out1);
        agent2.direction(theta[i], key, out2);
        return out1[0] + out2[0];
    }
}
