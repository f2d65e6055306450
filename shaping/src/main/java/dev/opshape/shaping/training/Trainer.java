package dev.opshape.shaping.training;

import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.ProgressListener;
import dev.opshape.shaping.analysis.PolicyOutcome;
import dev.opshape.shaping.learner.Learner;
import dev.opshape.shaping.learner.LearningRule;
import dev.opshape.shaping.learner.UpdateKey;
import dev.opshape.shaping.parallel.WorkerPool;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.tabular.policy.ParameterLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * Runs training experiments: in each run both agents compute their update directions from the same point and
 * apply them simultaneously, for N updates; fixed strategies never change. After every update the exact average
 * rewards and cooperation frequencies are recorded. Runs are independent and may run in parallel; run r's random
 * streams are keyed by r, so results do not depend on the number of threads.
 */
public final class Trainer {

    /** Each thread's last evaluator, with the game it evaluates (see {@link #evaluator}). */
    private static final ThreadLocal<CachedEvaluator> EVALUATOR = new ThreadLocal<>();

    private Trainer() {
    }

    /**
     * Runs every run of the experiment on {@code threads} threads.
     *
     * @param progress told one unit per update of each run (total runs * steps)
     * @throws TrainingDivergedException if a run's logits become NaN or infinite
     */
    public static TrainingResult train(TrainingConfig config, int threads, ProgressListener progress) {
        return train(config, threads, progress, false);
    }

    /**
     * As {@link #train(TrainingConfig, int, ProgressListener)}; with {@code compareExact}, every run also records
     * how its sampled learners' directions agree with their exact counterparts' at the same points
     * ({@link RunResult#agreement()}). The comparison draws nothing, so the runs are the same either way.
     */
    public static TrainingResult train(TrainingConfig config, int threads, ProgressListener progress,
                                       boolean compareExact) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + "; must be >= 1");
        }
        List<RunResult> results = new ArrayList<>(config.runs());
        if (threads == 1 || config.runs() == 1) {
            for (int r = 0; r < config.runs(); r++) {
                results.add(run(config, r, progress, true, compareExact));
            }
            return new TrainingResult(config, results);
        }
        try (WorkerPool pool = WorkerPool.start(Math.min(threads, config.runs()), "train")) {
            List<Future<RunResult>> futures = new ArrayList<>(config.runs());
            for (int r = 0; r < config.runs(); r++) {
                int run = r;
                futures.add(pool.submit(() -> run(config, run, progress, true, compareExact)));
            }
            for (Future<RunResult> f : futures) {
                results.add(WorkerPool.await(f));
            }
        }
        return new TrainingResult(config, results);
    }

    /**
     * Plays shard {@code index} of {@code count} (0-based) of the experiment: the runs r with r mod count = index, in
     * run order (random streams are keyed by the run, so each is the run of the whole experiment); a merge of every
     * shard's runs, by run index, is {@link #train}'s result.
     */
    public static List<RunResult> trainShard(TrainingConfig config, int threads, ProgressListener progress,
                                             boolean compareExact, int index, int count) {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + (index + 1) + " of " + count + " does not exist");
        }
        List<Integer> mine = new ArrayList<>();
        for (int r = index; r < config.runs(); r += count) {
            mine.add(r);
        }
        List<RunResult> results = new ArrayList<>(mine.size());
        try (WorkerPool pool = WorkerPool.start(Math.max(1, Math.min(threads, mine.size())), "train")) {
            List<Future<RunResult>> futures = new ArrayList<>(mine.size());
            for (int r : mine) {
                futures.add(pool.submit(() -> run(config, r, progress, true, compareExact)));
            }
            for (Future<RunResult> f : futures) {
                results.add(WorkerPool.await(f));
            }
        }
        return results;
    }

    /** Runs run r of the experiment on the calling thread, recording the per-update curve. */
    public static RunResult run(TrainingConfig config, int r, ProgressListener progress) {
        return run(config, r, progress, true);
    }

    /**
     * Runs run r of the experiment on the calling thread.
     *
     * @param recordCurve whether to evaluate and keep the exact outcome after every update; without it only the
     *                    final outcome is evaluated and the result's curve is null. Callers that need final
     *                    outcomes only (tournaments) skip it: for a naive learner the per-update evaluation costs
     *                    about as much as the update itself.
     */
    public static RunResult run(TrainingConfig config, int r, ProgressListener progress, boolean recordCurve) {
        return run(config, r, progress, recordCurve, false);
    }

    /**
     * Runs run r of the experiment on the calling thread.
     *
     * @param compareExact whether to compute, at every update, each sampled learner's exact direction at the same
     *                     point and record their agreement (the run itself does not change)
     */
    public static RunResult run(TrainingConfig config, int r, ProgressListener progress, boolean recordCurve,
                                boolean compareExact) {
        double[][] theta = {config.initialLogits(0, r), config.initialLogits(1, r)};
        Learner[] learners = {config.agent1().newLearner(config.game(), 0),
                config.agent2().newLearner(config.game(), 1)};
        learners[0].pairWith(learners[1]);
        learners[1].pairWith(learners[0]);
        Optimizer[] optimizers = {config.optimizer().create(config.lr(), theta[0].length),
                config.optimizer().create(config.lr(), theta[1].length)};
        double[][] direction = {new double[theta[0].length], new double[theta[1].length]};
        // The exact counterparts of sampled learners, where compared (null elsewhere).
        Learner[] exactLearners = new Learner[2];
        double[][] exactDirection = {new double[theta[0].length], new double[theta[1].length]};
        DirectionAgreement agreement = compareExact ? DirectionAgreement.empty(config.steps()) : null;
        for (int i = 0; compareExact && i < 2; i++) {
            LearningRule rule = config.agent(i);
            if (rule.learns() && rule.exactCounterpart() != rule) {
                exactLearners[i] = rule.exactCounterpart().newLearner(config.game(), i);
            }
        }
        boolean replays = recordCurve && (config.agent1().replaysSamples() || config.agent2().replaysSamples());
        EffectiveSampleSizes effective = replays ? EffectiveSampleSizes.empty(config.steps()) : null;
        ParameterLayout layout = config.game().layout();
        double[] joint = new double[layout.dimension()];
        ExactEvaluator exact = evaluator(config.game());

        int points = config.steps() + 1;
        TrainingCurve curve = recordCurve ? new TrainingCurve(new double[points], new double[points],
                new double[points], new double[points]) : null;
        if (recordCurve) {
            record(exact, theta, curve, 0);
        }
        for (int u = 0; u < config.steps(); u++) {
            UpdateKey key = new UpdateKey(config.seed(), r, u);
            layout.setBlock(joint, 0, theta[0]);
            layout.setBlock(joint, 1, theta[1]);
            for (int i = 0; i < 2; i++) {
                if (learners[i].learns()) {
                    learners[i].direction(joint, key, direction[i]);
                    if (effective != null) {
                        (i == 0 ? effective.ess1() : effective.ess2())[u] = learners[i].effectiveSampleSize();
                    }
                }
                if (exactLearners[i] != null) {
                    exactLearners[i].direction(joint, key, exactDirection[i]);
                    agreement.record(i, u, direction[i], exactDirection[i]);
                }
            }
            for (int i = 0; i < 2; i++) {
                if (learners[i].learns()) {
                    checkFinite(direction[i], r, u, i);
                    optimizers[i].step(theta[i], direction[i]);
                    checkLogits(theta[i], direction[i], r, u, i);
                }
            }
            if (recordCurve) {
                record(exact, theta, curve, u + 1);
            }
            progress.advanced(1);
        }
        PolicyOutcome outcome = PolicyOutcome.evaluate(exact, theta[0], theta[1]);
        return new RunResult(r, theta[0], theta[1], outcome, curve, agreement, effective);
    }

    /**
     * The calling thread's exact evaluator of the game: reused across the runs a worker plays on one game (a
     * tournament plays thousands), since a finite-horizon evaluator holds O(T S A) numbers and building one per run
     * costs more than a fixed pairing's evaluation. Every use sets its point first, so nothing carries over.
     */
    private static ExactEvaluator evaluator(IteratedGame game) {
        CachedEvaluator cached = EVALUATOR.get();
        if (cached == null || cached.game() != game) {
            cached = new CachedEvaluator(game, game.newEvaluator());
            EVALUATOR.set(cached);
        }
        return cached.evaluator();
    }

    private record CachedEvaluator(IteratedGame game, ExactEvaluator evaluator) {
    }

    private static void record(ExactEvaluator exact, double[][] theta, TrainingCurve curve, int u) {
        PolicyOutcome o = PolicyOutcome.evaluate(exact, theta[0], theta[1]);
        curve.avgReward1()[u] = o.avgReward1();
        curve.avgReward2()[u] = o.avgReward2();
        curve.pCoop1()[u] = o.pCoop1();
        curve.pCoop2()[u] = o.pCoop2();
    }

    /**
     * A logit that the step made infinite (its direction entry is non-zero) overflowed: the run diverged. Logits
     * that were given as infinite have zero derivatives and stay as they are.
     */
    private static void checkLogits(double[] theta, double[] direction, int run, int update, int agent) {
        for (int c = 0; c < theta.length; c++) {
            if (Double.isNaN(theta[c]) || (Double.isInfinite(theta[c]) && direction[c] != 0.0)) {
                throw new TrainingDivergedException("run " + run + " diverged at update " + (update + 1)
                        + ": agent " + (agent + 1) + "'s logit " + c + " became " + theta[c]
                        + " (try a smaller learning rate or eta)");
            }
        }
    }

    /**
     * A well-defined direction is always finite (even at given infinite logits, whose derivatives are 0), so a
     * NaN or infinite entry means the run diverged.
     */
    private static void checkFinite(double[] direction, int run, int update, int agent) {
        for (double d : direction) {
            if (!Double.isFinite(d)) {
                throw new TrainingDivergedException("run " + run + " diverged at update " + (update + 1)
                        + ": agent " + (agent + 1) + "'s update direction is " + d
                        + " (try a smaller learning rate or eta)");
            }
        }
    }
}
