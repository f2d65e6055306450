package dev.opshape.bench;

import dev.opshape.shaping.meta.LirpgMetaGradient;
import dev.opshape.shaping.meta.MamlMetaGradient;
import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.mdp.RandomMdps;
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
 * The exact meta-gradients of the tabular meta-RL study on the seed paper's random MDP (20 states, 5 actions,
 * Dirichlet(0.001) rows, U(0, 1) rewards, gamma 0.8): {@code maml}, d V(theta_K) / d theta_0 with inner step 10
 * ({@link MamlMetaGradient}), and {@code lirpg}, d V_r(theta_K) / d eta with inner step 3 ({@link LirpgMetaGradient}).
 * One operation is one meta-gradient: K inner gradients, K Hessian-vector products (and for LIRPG K directional
 * cell-visit derivatives) and the outer gradient; infinite horizon (one LU of a 20 x 20 matrix per iterate) or
 * T = 20 (forward and backward recursions).
 *
 * <p>Pitfalls guarded: dead code [JMHSample_08] (the meta-gradient is returned); constant folding [JMHSample_10]
 * (points and eta drawn at set-up, K and the horizon are run-time parameters); loop optimisations [JMHSample_11] (the
 * point cycles through {@value Inputs#POINTS} random logit vectors, one meta-gradient per operation); state scope
 * [JMHSample_03/04] (thread-scoped workspaces built at trial set-up); allocation: {@code -prof gc}, gated at 0 by
 * {@link AllocationGate}.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar MetaGradient -f 1 -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class MetaGradientBenchmark {

    /** Inner steps K. */
    @Param({"1", "5"})
    public int k;

    /** 0 = infinite discounted horizon, otherwise T moves. */
    @Param({"0", "20"})
    public int horizon;

    private MamlMetaGradient maml;
    private LirpgMetaGradient lirpg;
    private double[][] theta;
    private double[] eta;
    private double[] mamlOut;
    private double[] lirpgOut;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        TabularProblem problem = RandomMdps.PAPER.draw(2022L, 0).problem(0.8, horizon);
        maml = new MamlMetaGradient(problem, k, 10.0);
        lirpg = new LirpgMetaGradient(problem, k, 3.0);
        SplittableRandom random = new SplittableRandom(0xBEEFL);
        theta = Inputs.gaussians(random, Inputs.POINTS, maml.dimension());
        eta = Inputs.gaussians(random, 1, lirpg.cells())[0];
        mamlOut = new double[maml.dimension()];
        lirpgOut = new double[lirpg.cells()];
    }

    private int advance() {
        int i = next;
        next = (i + 1) & (Inputs.POINTS - 1);
        return i;
    }

    @Benchmark
    public double[] maml() {
        maml.compute(theta[advance()], mamlOut);
        return mamlOut;
    }

    @Benchmark
    public double[] lirpg() {
        lirpg.compute(theta[advance()], eta, lirpgOut);
        return lirpgOut;
    }
}
