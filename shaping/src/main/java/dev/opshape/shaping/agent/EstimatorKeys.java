package dev.opshape.shaping.agent;

import dev.opshape.shaping.estimator.BaselineKind;
import dev.opshape.shaping.estimator.EstimatorSpec;
import dev.opshape.shaping.estimator.SampledEstimatorSpec;
import dev.opshape.shaping.estimator.Surrogate;
import dev.opshape.shaping.estimator.Surrogates;

import java.util.Locale;
import java.util.Set;

/**
 * The estimator keys of an agent spec and how they combine:
 * <ul>
 *   <li>{@code est} = exact | dice | lvc: the estimator of every part (default exact);</li>
 *   <li>{@code batch} = B: fresh trajectories per sampled estimate (default {@value SampledEstimatorSpec#DEFAULT_BATCH});</li>
 *   <li>{@code horizon} = T: moves per sampled trajectory (default {@value SampledEstimatorSpec#DEFAULT_HORIZON});</li>
 *   <li>{@code baseline} = none | mean | learned | exact (default mean);</li>
 *   <li>{@code inner}, {@code hessian}, {@code outer} (LOLA-K only) = {@code exact}, or a surrogate with an optional
 *       batch size such as {@code dice/128} or {@code lvc}: the estimator of the lookahead steps, of the backward
 *       pass's Hessian-vector products and of the outer gradient. When neither inner nor hessian is given, each
 *       lookahead step's products reuse its first-order batch (the original LOLA-DiCE scheme); when either is
 *       given, they use independent batches (the seed paper's ablation);</li>
 *   <li>{@code offpolicy} = buffer size (LOLA-K only; default 0): the lookahead parts reuse a replay buffer of that
 *       many trajectories with importance weights, the outer gradient stays on-policy (as in the seed paper's
 *       off-policy DiCE); {@code clip} = the largest per-step importance ratio (default none).</li>
 * </ul>
 */
final class EstimatorKeys {

    /** Keys every learner accepts. */
    static final Set<String> COMMON = Set.of("est", "batch", "horizon", "baseline");
    /** Keys only LOLA-K accepts. */
    static final Set<String> LOOKAHEAD = Set.of("inner", "hessian", "outer", "offpolicy", "clip");

    private final AgentSpec spec;
    private final int batch;
    private final int horizon;
    private final BaselineKind baseline;
    private final int buffer;
    private final double clip;

    EstimatorKeys(AgentSpec spec) {
        this.spec = spec;
        this.batch = spec.params().containsKey("batch") ? positive("batch") : SampledEstimatorSpec.DEFAULT_BATCH;
        this.horizon = spec.params().containsKey("horizon") ? positive("horizon")
                : SampledEstimatorSpec.DEFAULT_HORIZON;
        this.baseline = baselineKind();
        this.buffer = spec.params().containsKey("offpolicy") ? nonNegative("offpolicy") : 0;
        this.clip = spec.params().containsKey("clip") ? positiveNumber("clip") : Double.POSITIVE_INFINITY;
        if (buffer > 0 && buffer < batch) {
            throw bad("offpolicy", "must hold at least one batch (" + batch + " trajectories), or be 0");
        }
    }

    /** The estimator of every part, from {@code est} (exact when absent). */
    EstimatorSpec all() {
        return parse("est", spec.params().getOrDefault("est", "exact"), 0);
    }

    /** The estimator of a LOLA-K part (inner, hessian or outer), falling back on {@code est}. */
    EstimatorSpec part(String key) {
        String text = spec.params().get(key);
        int partBuffer = key.equals("outer") ? 0 : buffer;
        return text == null ? parse("est", spec.params().getOrDefault("est", "exact"), partBuffer)
                : parse(key, text, partBuffer);
    }

    /** Whether the lookahead's products share each step's first-order batch. */
    boolean sharedInnerHessian() {
        return !spec.params().containsKey("inner") && !spec.params().containsKey("hessian");
    }

    private EstimatorSpec parse(String key, String text, int partBuffer) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("exact")) {
            return EstimatorSpec.EXACT;
        }
        String[] parts = lower.split("/", -1);
        Surrogate surrogate = Surrogates.byName(parts[0])
                .orElseThrow(() -> bad(key, "is not exact, dice[/B] or lvc[/B]"));
        int b = batch;
        if (parts.length == 2) {
            try {
                b = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                b = 0;
            }
            if (b < 1) {
                throw bad(key, "has a batch size that is not an integer >= 1");
            }
        } else if (parts.length > 2) {
            throw bad(key, "is not exact, dice[/B] or lvc[/B]");
        }
        if (partBuffer > 0 && partBuffer < b) {
            throw bad(key, "has batch " + b + " larger than offpolicy=" + partBuffer);
        }
        return new SampledEstimatorSpec(surrogate, b, horizon, baseline, partBuffer, clip);
    }

    private BaselineKind baselineKind() {
        String text = spec.params().get("baseline");
        if (text == null) {
            return BaselineKind.MEAN;
        }
        for (BaselineKind kind : BaselineKind.values()) {
            if (kind.display().equalsIgnoreCase(text)) {
                return kind;
            }
        }
        throw bad("baseline", "is not none, mean, learned or exact");
    }

    private int positive(String key) {
        int v = integer(key);
        if (v < 1) {
            throw bad(key, "must be an integer >= 1");
        }
        return v;
    }

    private int nonNegative(String key) {
        int v = integer(key);
        if (v < 0) {
            throw bad(key, "must be an integer >= 0");
        }
        return v;
    }

    private int integer(String key) {
        try {
            return Integer.parseInt(spec.params().get(key));
        } catch (NumberFormatException e) {
            throw bad(key, "is not an integer");
        }
    }

    private double positiveNumber(String key) {
        try {
            double v = Double.parseDouble(spec.params().get(key));
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(key, "must be a number > 0");
    }

    private IllegalArgumentException bad(String key, String allowed) {
        return new IllegalArgumentException("agent '" + spec.text() + "': " + key + "=" + spec.params().get(key)
                + " " + allowed);
    }
}
