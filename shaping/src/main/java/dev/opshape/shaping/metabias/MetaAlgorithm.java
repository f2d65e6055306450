package dev.opshape.shaping.metabias;

import dev.opshape.shaping.estimator.EstimatorSpec;
import dev.opshape.shaping.meta.LirpgMetaGradient;
import dev.opshape.shaping.meta.MamlMetaGradient;
import dev.opshape.tabular.TabularProblem;

import java.util.Locale;

/**
 * The meta-learning algorithm whose meta-gradient a study estimates, at the seed paper's start point: theta_0 = 0
 * (uniform policies) and, for LIRPG, a zero intrinsic reward eta = 0.
 */
public enum MetaAlgorithm {
    /** MAML-RL: the meta-parameter is theta_0 (one entry per logit). */
    MAML {
        @Override
        public Estimate create(TabularProblem problem, int k, double lr, EstimatorSpec inner, EstimatorSpec hessian,
                               EstimatorSpec outer, double hessianBias) {
            MamlMetaGradient maml = new MamlMetaGradient(problem, k, lr, inner, hessian, outer, hessianBias);
            double[] theta0 = new double[maml.dimension()];
            return new Estimate() {
                @Override
                public int dimension() {
                    return maml.dimension();
                }

                @Override
                public void compute(long seed, int unit, int sample, double[] out) {
                    maml.compute(theta0, seed, unit, sample, out);
                }
            };
        }
    },
    /** LIRPG: the meta-parameter is the intrinsic reward eta (one entry per cell, S * A). */
    LIRPG {
        @Override
        public Estimate create(TabularProblem problem, int k, double lr, EstimatorSpec inner, EstimatorSpec hessian,
                               EstimatorSpec outer, double hessianBias) {
            if (hessianBias != 0.0) {
                throw new IllegalArgumentException("hessian bias = " + hessianBias + "; the injected Hessian error "
                        + "is a MAML-RL study (use 0 with lirpg)");
            }
            LirpgMetaGradient lirpg = new LirpgMetaGradient(problem, k, lr, inner, hessian, outer);
            double[] theta0 = new double[lirpg.dimension()];
            double[] eta = new double[lirpg.cells()];
            return new Estimate() {
                @Override
                public int dimension() {
                    return lirpg.cells();
                }

                @Override
                public void compute(long seed, int unit, int sample, double[] out) {
                    lirpg.compute(theta0, eta, seed, unit, sample, out);
                }
            };
        }
    };

    /** One meta-gradient workspace (not thread-safe). */
    public interface Estimate {

        /** Length of the meta-gradient. */
        int dimension();

        /**
         * Estimate j of work unit u under the seed (the exact meta-gradient when every part is exact) into
         * {@code out} (length {@link #dimension()}, overwritten).
         */
        void compute(long seed, int unit, int sample, double[] out);
    }

    /**
     * A meta-gradient workspace with each part exact or sampled.
     *
     * @param hessianBias the injected Hessian error c (MAML only; 0 for none)
     * @throws IllegalArgumentException if the combination is not supported
     */
    public abstract Estimate create(TabularProblem problem, int k, double lr, EstimatorSpec inner,
                                    EstimatorSpec hessian, EstimatorSpec outer, double hessianBias);

    /** The exact meta-gradient of the problem at the start point. */
    public double[] exact(TabularProblem problem, int k, double lr) {
        Estimate estimate = create(problem, k, lr, EstimatorSpec.EXACT, EstimatorSpec.EXACT, EstimatorSpec.EXACT,
                0.0);
        double[] out = new double[estimate.dimension()];
        estimate.compute(0L, 0, 0, out);
        return out;
    }

    /** The name on the command line and in reports: {@code maml} or {@code lirpg}. */
    public String display() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The algorithm of a name (any case).
     *
     * @throws IllegalArgumentException naming the bad value and the allowed ones
     */
    public static MetaAlgorithm of(String name) {
        for (MetaAlgorithm a : values()) {
            if (a.display().equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not one of maml, lirpg");
    }
}
