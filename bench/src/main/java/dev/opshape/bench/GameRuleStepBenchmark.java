package dev.opshape.bench;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.agent.AgentCatalog;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.shaping.learner.Learner;
import dev.opshape.shaping.learner.LearningRule;
import dev.opshape.shaping.learner.UpdateKey;
import dev.opshape.tabular.catalog.ComponentSpec;
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
 * One exact training step of both agents on the IPD (gamma = 0.96, infinite horizon) for the learning rules of the
 * catalog, by spec: NL, Taylor LOLA, SOS and the differentiable-game rules (SGA, CO, EG, CGD, LSS), each from the
 * same point through the learner interface training uses. The game rules form the 10 x 10 joint Jacobian from 20
 * Hessian-vector products per agent, so they cost about that many products more than Taylor LOLA. Points cycle
 * through {@value #POINTS} pre-generated ones (logits ~ N(0, 1)); run with {@code -prof gc}: 0 B/op is the target.
 * Run: {@code java -jar bench/target/benchmarks.jar GameRuleStep -f 1 -wi 3 -w 1 -i 5 -r 1 -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GameRuleStepBenchmark {

    static final int POINTS = 64;

    /** The rule's agent spec. */
    @Param({"nl", "lola-taylor", "sos", "sga", "co", "eg", "cgd", "lss"})
    public String spec;

    private Learner agent1;
    private Learner agent2;
    private double[][] theta;
    private double[] out1;
    private double[] out2;
    private UpdateKey key;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        IteratedGame game = IteratedGame.infinite(BuiltInGames.IPD, IteratedGame.DEFAULT_GAMMA);
        LearningRule rule = AgentCatalog.create(ComponentSpec.parse(spec), AgentDefaults.standard());
        agent1 = rule.newLearner(game, 0);
        agent2 = rule.newLearner(game, 1);
        SplittableRandom random = new SplittableRandom(0x1A57E9L);
        theta = new double[POINTS][game.jointDimension()];
        for (double[] point : theta) {
            for (int c = 0; c < point.length; c++) {
                point[c] = random.nextGaussian();
            }
        }
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
