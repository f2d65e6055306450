package dev.opshape.shaping.estimator;

import dev.opshape.tabular.catalog.KeyDefinition;
import dev.opshape.tabular.catalog.KeyType;
import dev.opshape.tabular.catalog.SpecValues;

import java.util.List;

/**
 * Loaded DiCE (Farquhar et al. 2019, "Loaded DiCE: Trading off Bias and Variance in Any-Order Score Function
 * Estimators for Reinforcement Learning", NeurIPS): L = mean_b sum_t A_t (MB(w_t) - MB(lambda w_{t-1})), with
 * w_t = lambda w_{t-1} + l_t (w_{-1} = 0) and A_t = G_t - beta_t the discounted advantage (G_t the reward-to-go with
 * any mean baseline inside, beta_t = gamma^t b(s_t) the state baseline). Its gradient is the shared
 * sum_t grad l_t A_t for every lambda; lambda = 1 (the default) makes it unbiased at every order, smaller lambda
 * discounts the credit that past actions get for later advantages in the higher-order terms (bias for lower
 * variance; lambda = 0 keeps the same-time terms only, LVC's structure with the advantage in place of G_t).
 *
 * <p>Score part of H v, per trajectory: the objective's second derivative adds
 * sum_t A_t (grad w_t grad w_t^T - lambda^2 grad w_{t-1} grad w_{t-1}^T); with omega_t = grad w_t . v
 * (omega_t = lambda omega_{t-1} + grad l_t . v, a forward pass) the coefficient of grad l_u is
 * Q_u = omega_u (A_u - lambda^2 A_{u+1}) + lambda Q_{u+1} (A_T = 0, a backward pass). At lambda = 1 the return part
 * equals DiCE's; the baseline enters through the same telescoping form (zero mean at every order, as a state
 * baseline multiplies scores of actions taken at or after its state), not through DiCE's (1 - MB(l_t)) term.
 *
 * <p>On-policy only: the replayed or revisited (importance-weighted) form is not defined here, so replay buffers are
 * refused.
 */
final class LoadedSurrogate extends Surrogate {

    /** The key {@code lambda}: the credit decay, in [0, 1]. */
    static final KeyDefinition LAMBDA = new KeyDefinition("lambda", KeyType.closedInterval(0, 1), "1",
            "Loaded DiCE's credit decay (1: unbiased at every order)");

    /** lambda = 1. */
    static final LoadedSurrogate UNBIASED = new LoadedSurrogate(1.0);

    private final double lambda;

    private LoadedSurrogate(double lambda) {
        super("loaded", "Loaded DiCE (Farquhar et al. 2019): advantages on magic-box differences, unbiased at "
                + "lambda = 1, key lambda");
        this.lambda = lambda;
    }

    /**
     * The surrogate with that lambda.
     *
     * @throws IllegalArgumentException unless lambda is in [0, 1]
     */
    static LoadedSurrogate of(double lambda) {
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("lambda = " + lambda + "; Loaded DiCE's lambda must be in [0, 1]");
        }
        return lambda == 1.0 ? UNBIASED : new LoadedSurrogate(lambda);
    }

    /** The credit decay lambda. */
    double lambda() {
        return lambda;
    }

    @Override
    public List<KeyDefinition> keys() {
        return List.of(LAMBDA);
    }

    @Override
    public Surrogate configured(SpecValues values) {
        return of(values.number(LAMBDA.name()));
    }

    @Override
    public boolean hasOffPolicyForm() {
        return false;
    }

    @Override
    void addScoreTerms(ScorePass pass, double[] cellDot, double[] cellScore) {
        if (pass.offPolicy) {
            throw new IllegalStateException("Loaded DiCE has no off-policy form; it cannot re-weight trajectories");
        }
        int steps = pass.steps;
        int[] cell = pass.cell;
        int[] scored = pass.scored;
        double[] omega = pass.sigma;
        double lambdaSquared = lambda * lambda;
        for (int b = 0; b < pass.count; b++) {
            int base = b * steps;
            double running = 0;
            for (int t = 0; t < steps; t++) {
                running = lambda * running + cellDot[scored[base + t]];
                omega[t] = running;
            }
            double rewardToGo = 0;
            double nextAdvantage = 0;
            double q = 0;
            for (int t = steps - 1; t >= 0; t--) {
                int idx = base + t;
                int c = cell[idx];
                rewardToGo += pass.omega(t, idx, c);
                double advantage = rewardToGo - pass.beta(t, idx, c);
                q = omega[t] * (advantage - lambdaSquared * nextAdvantage) + lambda * q;
                nextAdvantage = advantage;
                cellScore[scored[idx]] += q;
            }
        }
    }

    @Override
    public String toString() {
        return lambda == 1.0 ? name() : name() + "(lambda=" + lambda + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoadedSurrogate other && Double.compare(lambda, other.lambda) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(lambda);
    }
}
