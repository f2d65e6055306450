package dev.opshape.bench;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.estimator.BaselineKind;
import dev.opshape.shaping.estimator.SampledEstimatorSpec;
import dev.opshape.shaping.estimator.Surrogates;
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
 * One LOLA-DiCE update of both agents in the seed paper's IPD training setting (K = 1, B = 128, T = 100,
 * learned baselines, gamma 0.96), {@code replay}: {@code shared} is the paper's off-policy scheme (one buffer of 1024
 * trajectories for both agents, pre-filled with 8 batches, each lookahead pushing 128 fresh trajectories and
 * estimating on all 1024 with importance weights, the backward pass revisiting the whole buffer), {@code own} the
 * on-policy update with the same fresh samples (the reference cost). The points follow a random walk of 0.05 per
 * logit and update, about what Adam 0.1 moves, so the weights are those of training, not of unrelated policies; the
 * walk and the update keys cycle over {@value #UPDATES} updates. Sampling included; the learners are paired once at
 * set-up as training pairs them.
 * Run: {@code java -jar bench/target/benchmarks.jar SharedReplayUpdate -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SharedReplayUpdateBenchmark {

    static final int UPDATES = 1024;
    private static final long SEED = 0x5A4E_D0FFL;

    @Param({"shared", "on-policy"})
    public String replay;

    private Learner agent1;
    private Learner agent2;
    private double[][] theta;
    private UpdateKey[] keys;
    private double[] out1;
    private double[] out2;
    private int update;

    @Setup(Level.Trial)
    public void setUp() {
        IteratedGame game = IteratedGame.infinite(BuiltInGames.IPD, IteratedGame.DEFAULT_GAMMA);
        boolean shared = replay.equals("shared");
        SampledEstimatorSpec inner = new SampledEstimatorSpec(Surrogates.dice(), 128, 100, BaselineKind.LEARNED,
                shared ? 1024 : 0, Double.POSITIVE_INFINITY, SampledEstimatorSpec.DEFAULT_NOISE, shared ? 8 : 0,
                shared);
        SampledEstimatorSpec outer = new SampledEstimatorSpec(Surrogates.dice(), 128, 100, BaselineKind.LEARNED, 0,
                Double.POSITIVE_INFINITY);
        LookaheadLola rule = new LookaheadLola(1, 0.3, inner, inner, outer, true);
        agent1 = rule.newLearner(game, 0);
        agent2 = rule.newLearner(game, 1);
        agent1.pairWith(agent2);
        agent2.pairWith(agent1);
        SplittableRandom random = new SplittableRandom(SEED);
        int d = game.jointDimension();
        theta = new double[UPDATES][d];
        for (int u = 1; u < UPDATES; u++) {
            for (int c = 0; c < d; c++) {
                theta[u][c] = theta[u - 1][c] + 0.05 * random.nextGaussian();
            }
        }
        keys = new UpdateKey[UPDATES];
        for (int u = 0; u < UPDATES; u++) {
            keys[u] = new UpdateKey(SEED, 0, u);
        }
        out1 = new double[game.dimension(0)];
        out2 = new double[game.dimension(1)];
    }

    @Benchmark
    public double update() {
        int u = update;
        update = (u + 1) & (UPDATES - 1);
        agent1.direction(theta[u], keys[u], out1);
        agent2.direction(theta[u], keys[u], out2);
        return out1[0] + out2[4];
    }
}
