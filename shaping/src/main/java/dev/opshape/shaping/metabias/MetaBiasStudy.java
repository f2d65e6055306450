package dev.opshape.shaping.metabias;

import dev.opshape.shaping.ProgressListener;
import dev.opshape.shaping.bias.BiasStatistics;
import dev.opshape.shaping.meta.MamlMetaGradient;
import dev.opshape.shaping.parallel.WorkerPool;
import dev.opshape.tabular.TabularProblem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link MetaBiasStudyConfig}: for every MDP and configuration, N independent estimates of the MAML-RL or
 * LIRPG meta-gradient at its start point ({@link MetaAlgorithm}) against the exact meta-gradient of the same T-step
 * value.
 *
 * <p>Estimate j on MDP m uses the streams of work unit m, estimate j under the master seed (see
 * {@link MamlMetaGradient}): estimates are independent, every configuration on MDP m sees the same trajectories
 * where its points agree with another's (common random numbers: under {@code lee}, estimators with the same first
 * derivative give the same estimate), and nothing depends on the number of threads or the order of work.
 */
public final class MetaBiasStudy {

    private MetaBiasStudy() {
    }

    /**
     * Computes every row, MDP-major then configuration.
     *
     * @param progress told one unit per estimate (total mdps * configurations * samples)
     */
    public static MetaBiasResult run(MetaBiasStudyConfig config, ProgressListener progress) {
        int mdps = config.mdps().size();
        int configurations = config.configurations().size();
        List<TabularProblem> problems = new ArrayList<>();
        for (int m = 0; m < mdps; m++) {
            problems.add(config.mdps().get(m).problem(config.gamma(), config.horizon()));
        }
        // The exact meta-gradient depends on the MDP, K and alpha only.
        Map<String, double[]> exact = new HashMap<>();
        for (int m = 0; m < mdps; m++) {
            for (MetaBiasConfiguration c : config.configurations()) {
                String key = exactKey(m, c);
                if (!exact.containsKey(key)) {
                    exact.put(key, config.algorithm().exact(problems.get(m), c.k(), c.lr()));
                }
            }
        }
        MetaBiasRow[] rows = new MetaBiasRow[mdps * configurations];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int unit = next.getAndIncrement(); unit < rows.length; unit = next.getAndIncrement()) {
                int m = unit / configurations;
                int c = unit % configurations;
                MetaBiasConfiguration configuration = config.configurations().get(c);
                double[][] samples = estimates(config, configuration, problems.get(m), m, progress);
                double[] g = exact.get(exactKey(m, configuration));
                long stream = config.bootstrapStream(m, c);
                rows[unit] = new MetaBiasRow(c, m, BiasStatistics.of(g, samples, config.seed(), stream),
                        PaperMeasures.of(g, samples, config.seed(), stream));
            }
        };
        int workers = Math.min(config.threads(), rows.length);
        if (workers == 1) {
            worker.run();
        } else {
            try (WorkerPool pool = WorkerPool.start(workers, "meta-bias")) {
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    futures.add(pool.submit(worker));
                }
                for (Future<?> f : futures) {
                    WorkerPool.await(f);
                }
            }
        }
        return new MetaBiasResult(config, List.of(rows));
    }

    private static String exactKey(int mdp, MetaBiasConfiguration c) {
        return mdp + "/" + c.k() + "/" + c.lr();
    }

    private static double[][] estimates(MetaBiasStudyConfig config, MetaBiasConfiguration configuration,
                                        TabularProblem problem, int mdp, ProgressListener progress) {
        MetaAlgorithm.Estimate estimator = configuration.newMetaGradient(config.algorithm(), problem);
        double[][] samples = new double[config.samples()][estimator.dimension()];
        for (int j = 0; j < samples.length; j++) {
            estimator.compute(config.seed(), mdp, j, samples[j]);
            progress.advanced(1);
        }
        return samples;
    }
}
