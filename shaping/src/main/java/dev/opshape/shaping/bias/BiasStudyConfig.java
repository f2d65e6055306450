package dev.opshape.shaping.bias;

import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.estimator.SampledEstimatorSpec;
import dev.opshape.shaping.learner.StreamIndex;
import dev.opshape.shaping.training.Initialisation;
import dev.opshape.tabular.InvalidModelException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A bias study: for every point and configuration, N independent meta-gradient estimates of the learning agent are
 * compared with the exact meta-gradient of the same finite horizon T.
 *
 * @param game           the game, with the finite horizon T of the sampled trajectories
 * @param agent          the learning agent (0 or 1) whose meta-gradient is estimated
 * @param points         the parameter points
 * @param configurations the estimator configurations
 * @param samples        N &gt;= 2 estimates per point and configuration
 * @param seed           master seed
 * @param threads        worker threads (results do not depend on it)
 * @param theory         whether each row also gets the compositional bias's bound and prediction
 *                       ({@link CompositionalTheory}; it draws its own estimates of the lookahead's covariance)
 */
public record BiasStudyConfig(IteratedGame game, int agent, List<StudyPoint> points,
                              List<BiasConfiguration> configurations, int samples, long seed, int threads,
                              boolean theory) {

    /** A study without the theory columns. */
    public BiasStudyConfig(IteratedGame game, int agent, List<StudyPoint> points,
                           List<BiasConfiguration> configurations, int samples, long seed, int threads) {
        this(game, agent, points, configurations, samples, seed, threads, false);
    }

    public BiasStudyConfig {
        Objects.requireNonNull(game, "game");
        points = List.copyOf(points);
        configurations = List.copyOf(configurations);
        if (!game.isFinite()) {
            throw new IllegalArgumentException("a bias study compares with the exact value of the sampled "
                    + "trajectories' finite horizon; give a horizon T >= 1");
        }
        if (agent != 0 && agent != 1) {
            throw new IllegalArgumentException("agent = " + (agent + 1) + "; must be 1 or 2");
        }
        if (points.isEmpty() || points.size() > 1 << 16) {
            throw new IllegalArgumentException("points = " + points.size() + "; must be in 1..65536");
        }
        if (configurations.isEmpty()) {
            throw new IllegalArgumentException("a bias study needs at least one estimator configuration");
        }
        if (samples < 2 || samples >= 1 << 24) {
            throw new IllegalArgumentException("samples = " + samples + "; must be in 2.." + ((1 << 24) - 1));
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + "; must be >= 1");
        }
        for (StudyPoint p : points) {
            if (p.theta1().length != game.dimension(0) || p.theta2().length != game.dimension(1)) {
                throw new InvalidModelException("a point has " + p.theta1().length + " + " + p.theta2().length
                        + " logits; this game needs " + game.dimension(0) + " + " + game.dimension(1));
            }
        }
        for (BiasConfiguration c : configurations) {
            for (var spec : List.of(c.estimated().inner(), c.estimated().hessian(), c.estimated().outer())) {
                if (spec instanceof SampledEstimatorSpec s && s.horizon() != game.horizon()) {
                    throw new IllegalArgumentException("configuration '" + c.label() + "' samples " + s.horizon()
                            + " moves but the study's horizon is " + game.horizon() + "; they must agree");
                }
            }
        }
    }

    /**
     * P random points: every logit drawn from N(0, sigma^2), point p from the Philox stream keyed by
     * (seed, run p, INIT) as training runs draw theirs.
     */
    public static List<StudyPoint> randomPoints(IteratedGame game, int count, double sigma, long seed) {
        Initialisation init = new Initialisation.Normal(sigma);
        List<StudyPoint> points = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            points.add(new StudyPoint(init.draw(game, 0, seed, p), init.draw(game, 1, seed, p)));
        }
        return points;
    }

    /** The stream index of the bootstrap resampling at a point (distinct from every estimate's streams). */
    long bootstrapStream(int point, int configuration) {
        return StreamIndex.of(point, configuration, agent, StreamIndex.Part.AUXILIARY, 0);
    }

    /**
     * The stream of the theory's covariance estimate i at a point (steps 1 .. K x
     * {@value CompositionalTheory#REPLICATES} of the auxiliary part, after the bootstrap's step 0).
     */
    long theoryStream(int point, int configuration, long estimate) {
        return StreamIndex.of(point, configuration, agent, StreamIndex.Part.AUXILIARY, (int) (1 + estimate));
    }
}
