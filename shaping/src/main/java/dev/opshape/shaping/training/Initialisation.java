package dev.opshape.shaping.training;

import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.learner.StreamIndex;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.Philox4x64;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Where a learning agent's logits start. Random draws come from commons-rng's Philox4x64 keyed by
 * (seed, {@link StreamIndex#of}(run, 0, agent, INIT, 0)), so run r starts from the same logits whatever the
 * number of threads, and every pairing of a tournament that shares a seed and run index shares its start.
 */
public sealed interface Initialisation {

    /** The logits of the agent (0 or 1) for run {@code run} (a new array). */
    double[] draw(IteratedGame game, int agent, long seed, int run);

    /** All logits zero (every action equally likely). */
    record Zeros() implements Initialisation {
        @Override
        public double[] draw(IteratedGame game, int agent, long seed, int run) {
            return new double[game.dimension(agent)];
        }

        @Override
        public String toString() {
            return "zeros";
        }
    }

    /** Independent N(0, sigma^2) logits. */
    record Normal(double sigma) implements Initialisation {
        public Normal {
            if (!(sigma >= 0) || Double.isInfinite(sigma)) {
                throw new IllegalArgumentException("sigma = " + sigma + "; must be a finite number >= 0");
            }
        }

        @Override
        public double[] draw(IteratedGame game, int agent, long seed, int run) {
            long stream = StreamIndex.of(run, 0, agent, StreamIndex.Part.INIT, 0);
            UniformRandomProvider rng = new Philox4x64(new long[] {seed, stream, 0, 0, 0, 0});
            ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
            double[] theta = new double[game.dimension(agent)];
            for (int c = 0; c < theta.length; c++) {
                theta[c] = sigma * gaussian.sample();
            }
            return theta;
        }

        @Override
        public String toString() {
            return "normal:" + sigma;
        }
    }
}
