package dev.opshape.shaping.estimator;

/**
 * The variance-reduction baseline of a sampled estimator. A baseline term has expectation zero at first and second
 * order, so every kind keeps the gradient and Hessian estimates unbiased, with one small exception: a LEARNED table
 * used with a replay buffer is fitted on trajectories that stay in the buffer and are weighted by it later, so it is
 * not independent of them (an effect of order RATE / visits per state, below what the tests can measure).
 */
public enum BaselineKind {
    /** No baseline. */
    NONE("none"),
    /**
     * The per-move batch mean (as in the DiCE paper's LOLA-DiCE code): c_t is replaced by c_t - m_t where m_t is
     * the mean of c_t over the other trajectories of the batch (leave-one-out, so that it does not depend on the
     * trajectory it is subtracted from and the estimate stays exactly unbiased).
     */
    MEAN("mean"),
    /**
     * A learned state-value table b(s) per agent, by previous joint outcome (agent 1's own-view state), entering
     * through DiCE's baseline term sum_t (1 - MB(l_t)) gamma^t b(s_t). It is fitted to the Monte Carlo discounted
     * reward-to-go of the sampled moves by an exponential moving average of rate
     * {@value LearnedBaseline#RATE} per batch, and each batch is estimated with the table fitted on earlier
     * batches only. (The public LOLA-DiCE code fits its table to the immediate reward; the reward-to-go is what
     * the baseline term should predict, so we fit that.)
     */
    LEARNED("learned"),
    /**
     * The exact state values at the current point (the finite-horizon value-to-go of each state with T - t moves
     * left), computed by the games module: an oracle baseline, the best a state baseline can do.
     */
    EXACT("exact"),
    /**
     * The exact state values plus a Gaussian error, as in the seed paper's tabular experiments: at each batch one
     * draw z_s per player and state, and b(s) = V(s) + noise * z_s * |V_T|_2 / S with V_T the player's T-move state
     * values (the same error at every move of the batch). The error does not depend on the trajectories or the
     * logits, so the estimates stay unbiased; it only adds variance. The scale {@code noise} is a separate key.
     */
    NOISY("noisy");

    private final String display;

    BaselineKind(String display) {
        this.display = display;
    }

    /**
     * The kind of the given spec name (any case).
     *
     * @throws IllegalArgumentException for another name
     */
    public static BaselineKind of(String name) {
        for (BaselineKind kind : values()) {
            if (kind.display.equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("baseline '" + name + "' is not none, mean, learned, exact or noisy");
    }

    /** Whether the baseline is a table b(player, state, moves left) rather than a batch statistic or nothing. */
    public boolean isStateBaseline() {
        return this == LEARNED || this == EXACT || this == NOISY;
    }

    /** The name used in specs. */
    public String display() {
        return display;
    }

    @Override
    public String toString() {
        return display;
    }
}
