package dev.opshape.shaping.bias;

import dev.opshape.shaping.ProgressListener;
import dev.opshape.shaping.learner.Learner;
import dev.opshape.shaping.learner.UpdateKey;
import dev.opshape.shaping.parallel.WorkerPool;
import org.apache.commons.math3.stat.StatUtils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link BiasStudyConfig}. Estimate i of every configuration at point p uses the random streams of
 * {@code UpdateKey(seed, run = p, update = i)}: estimates are independent (each learner is reset first, so no
 * replay buffer or learned baseline carries over), configurations at the same point share their streams (common
 * random numbers: differences between configurations are not blurred by independent noise), and nothing depends
 * on the number of threads or on which thread computed which estimate.
 */
public final class BiasStudy {

    /** Estimates a worker claims at a time: small enough to balance the load, large enough to make claims rare. */
    private static final int CLAIM = 8;

    private BiasStudy() {
    }

    /**
     * Computes every row, in order point-major then configuration.
     *
     * @param progress told one unit per estimate (total points * configurations * samples)
     */
    public static BiasStudyResult run(BiasStudyConfig config, ProgressListener progress) {
        return new BiasStudyResult(config, runShard(config, progress, 0, 1));
    }

    /**
     * Computes shard {@code index} of {@code count} (0-based) of the study: the rows r = p x C + c (point-major) with
     * r mod count = index, in row order. Every row depends only on its own streams, so each is the row of the whole
     * study, and the rows of every shard, ordered by r, are {@link #run}'s.
     *
     * @param progress told one unit per estimate of this shard's rows
     */
    public static List<BiasRow> runShard(BiasStudyConfig config, ProgressListener progress, int index, int count) {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + (index + 1) + " of " + count + " does not exist");
        }
        int workers = config.threads();
        WorkerPool pool = workers == 1 ? null : WorkerPool.start(workers, "bias");
        try {
            List<BiasRow> rows = new ArrayList<>();
            int agent = config.agent();
            int dim = config.game().dimension(agent);
            int configurations = config.configurations().size();
            for (int p = 0; p < config.points().size(); p++) {
                StudyPoint point = config.points().get(p);
                Map<String, double[]> exactCache = new HashMap<>();
                for (int c = 0; c < configurations; c++) {
                    if (((long) p * configurations + c) % count != index) {
                        continue;
                    }
                    BiasConfiguration configuration = config.configurations().get(c);
                    double[] exact = exactCache.computeIfAbsent(configuration.k() + "/" + configuration.eta(),
                            key -> {
                                double[] g = new double[dim];
                                configuration.exact().newLearner(config.game(), agent)
                                        .direction(point.joint(config.game()), new UpdateKey(0, 0, 0), g);
                                return g;
                            });
                    double[] effective = new double[config.samples()];
                    double[][] samples = estimates(config, configuration, point, p, pool, progress, effective);
                    rows.add(new BiasRow(c, p, BiasStatistics.of(exact, samples, config.seed(),
                            config.bootstrapStream(p, c)), StatUtils.mean(effective),
                            theory(config, configuration, p, c)));
                }
            }
            return rows;
        } finally {
            if (pool != null) {
                pool.close();
            }
        }
    }

    /**
     * The N estimates of one configuration at one point. Workers claim blocks of {@link #CLAIM} estimates from a
     * shared counter until none is left, so a worker slowed by other load does not hold up the study; estimate i
     * depends only on its own streams (the learner is reset before each), so which worker computes it does not
     * matter.
     */
    /** The row's theory when the study asks for it and it is defined (an on-policy lookahead, 1 &lt;= K). */
    private static CompositionalTheory.Theory theory(BiasStudyConfig config, BiasConfiguration configuration,
                                                     int p, int c) {
        if (!config.theory() || configuration.k() < 1 || configuration.k() > CompositionalTheory.MAX_K
                || configuration.estimated().inner().reusesSamples()) {
            return null;
        }
        return new CompositionalTheory(config.game(), config.agent(), configuration.k(), configuration.eta())
                .at(config.points().get(p).joint(config.game()), configuration.estimated().inner(), config.seed(),
                        i -> config.theoryStream(p, c, i));
    }

    /**
     * @param effective receives each estimate's effective sample size (NaN for a learner that replays nothing)
     */
    private static double[][] estimates(BiasStudyConfig config, BiasConfiguration configuration, StudyPoint point,
                                        int pointIndex, WorkerPool pool, ProgressListener progress,
                                        double[] effective) {
        int n = config.samples();
        int dim = config.game().dimension(config.agent());
        double[][] samples = new double[n][dim];
        int workers = pool == null ? 1 : config.threads();
        double[] theta = point.joint(config.game());
        AtomicInteger next = new AtomicInteger();
        List<Runnable> chunks = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            chunks.add(() -> {
                Learner learner = configuration.estimated().newLearner(config.game(), config.agent());
                learner.warmStart(point.history());
                for (int from = next.getAndAdd(CLAIM); from < n; from = next.getAndAdd(CLAIM)) {
                    int to = Math.min(n, from + CLAIM);
                    for (int i = from; i < to; i++) {
                        learner.reset();
                        learner.direction(theta,
                                new UpdateKey(config.seed(), pointIndex, i), samples[i]);
                        effective[i] = learner.effectiveSampleSize();
                        progress.advanced(1);
                    }
                }
            });
        }
        if (pool == null) {
            chunks.get(0).run();
            return samples;
        }
        List<Future<?>> futures = new ArrayList<>();
        for (Runnable chunk : chunks) {
            futures.add(pool.submit(chunk));
        }
        for (Future<?> f : futures) {
            WorkerPool.await(f);
        }
        return samples;
    }
}
