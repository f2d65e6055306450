package dev.opshape.shaping.estimator;

import dev.opshape.tabular.catalog.KeyDefinition;
import dev.opshape.tabular.catalog.SpecValues;

import java.util.List;

/**
 * A sampled surrogate objective whose derivatives estimate those of the value: it decides how a batch's scores enter
 * the Hessian-vector product. Notation (per trajectory, moves t = 0..T-1): l_t = sum_i log pi_i(a_i,t | o_i(s_t)),
 * S_t = sum_{u &lt;= t} l_u, c_t = gamma^t r_t, G_t = sum_{t' &gt;= t} c_t' and MB(x) = exp(x - stopgrad(x)) (the DiCE
 * magic box: value 1, derivative dx).
 *
 * <p>Every surrogate here has the same first derivative, the score-function gradient sum_u grad l_u (G_u - beta_u)
 * (beta_u the baseline term), and the same "Hessian of the log-probabilities" part of the second derivative,
 * sum_u (G_u - beta_u) hess l_u: {@link BatchSurrogate} computes both once per load from per-cell advantage sums.
 * What differs is the score (outer-product) part of the Hessian, which a surrogate adds per cell in
 * {@link #addScoreTerms}. A new estimator is one subclass and its registration in {@link Surrogates}.
 *
 * <p>Implementations are stateless singletons; the workspace they write into belongs to the batch.
 */
public abstract class Surrogate {

    private final String name;
    private final String description;

    /**
     * @param name        the name used in specs, for example {@code dice}
     * @param description one line with the formula's source, for help texts
     */
    protected Surrogate(String name, String description) {
        this.name = name;
        this.description = description;
    }

    /** The name used in specs, for example {@code dice}. */
    public final String name() {
        return name;
    }

    /** One line: what the surrogate is and where it comes from. */
    public final String description() {
        return description;
    }

    /**
     * Adds, for every loaded trajectory, the score part of the Hessian-vector product of the player's surrogate into
     * {@code cellScore}: the coefficient of grad l_u of each step, summed by the step's scored cell. The pass gives
     * the trajectories and the player's weights; {@code cellDot} holds grad l . v by cell. Must not allocate.
     */
    abstract void addScoreTerms(ScorePass pass, double[] cellDot, double[] cellScore);

    /** The surrogate's own spec keys beyond the sampled estimators' common ones (none by default). */
    public List<KeyDefinition> keys() {
        return List.of();
    }

    /**
     * The surrogate configured by the checked values of its {@link #keys()} (this one, when it has none).
     *
     * @throws dev.opshape.tabular.catalog.InvalidSpecException if the values do not make a valid surrogate
     */
    public Surrogate configured(SpecValues values) {
        return this;
    }

    /**
     * Whether the surrogate is defined on importance-weighted (replayed or revisited) trajectories. Those without
     * an off-policy form refuse replay buffers up front ({@link SampledEstimatorSpec}).
     */
    public boolean hasOffPolicyForm() {
        return true;
    }

    /** The name, with any parameter that differs from its default, for example {@code loaded(lambda=0.5)}. */
    @Override
    public String toString() {
        return name;
    }
}
