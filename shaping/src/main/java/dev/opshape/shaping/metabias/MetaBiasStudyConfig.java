package dev.opshape.shaping.metabias;

import dev.opshape.tabular.mdp.TabularMdp;

import java.util.List;
import java.util.Objects;

/**
 * Everything a meta-gradient bias study needs.
 *
 * @param algorithm      whose meta-gradient is estimated
 * @param mdps           the MDPs (each a work unit of its own streams: at most 65,536)
 * @param gamma          discount in [0, 1]
 * @param horizon        T &gt;= 1: the exact meta-gradient is that of the T-step value, which the sampled parts
 *                       estimate from T-step trajectories
 * @param configurations the configurations, at least one
 * @param samples        N independent estimates per configuration and MDP, in [2, 2^24]
 * @param seed           master seed
 * @param threads        worker threads &gt;= 1 (the result does not depend on it)
 */
public record MetaBiasStudyConfig(MetaAlgorithm algorithm, List<TabularMdp> mdps, double gamma, int horizon,
                                  List<MetaBiasConfiguration> configurations, int samples, long seed, int threads) {

    /** Largest number of MDPs: the work-unit field of the stream index. */
    public static final int MAX_MDPS = 1 << 16;
    /** Largest number of estimates per configuration and MDP: the update field of the stream index. */
    public static final int MAX_SAMPLES = 1 << 24;

    /** Checks every field; the message names the bad one and what it allows. */
    public MetaBiasStudyConfig {
        Objects.requireNonNull(algorithm, "algorithm");
        mdps = List.copyOf(mdps);
        configurations = List.copyOf(configurations);
        if (mdps.isEmpty() || mdps.size() > MAX_MDPS) {
            throw new IllegalArgumentException("mdps = " + mdps.size() + "; a study needs 1.." + MAX_MDPS);
        }
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma = " + gamma + "; it must be in [0, 1]");
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon = " + horizon + "; trajectories need at least 1 step");
        }
        if (configurations.isEmpty()) {
            throw new IllegalArgumentException("a study needs at least one configuration");
        }
        if (samples < 2 || samples > MAX_SAMPLES) {
            throw new IllegalArgumentException("samples = " + samples + "; the statistics need 2.." + MAX_SAMPLES
                    + " estimates");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + "; at least 1");
        }
    }

    /** The bootstrap stream of configuration c on MDP m (distinct for every pair). */
    long bootstrapStream(int mdp, int configuration) {
        return ((long) configuration << 16) | mdp;
    }
}
