package dev.opshape.shaping.bias;

import dev.opshape.shaping.agent.AgentCatalog;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.shaping.estimator.Surrogate;
import dev.opshape.shaping.estimator.Surrogates;
import dev.opshape.shaping.learner.LookaheadLola;
import dev.opshape.tabular.catalog.ComponentSpec;
import dev.opshape.tabular.catalog.InvalidSpecException;
import dev.opshape.tabular.catalog.KeyDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sweep of bias-study configurations: every combination of K, eta, estimator spec and batch size, in that nesting
 * order (K outermost), and with {@code decompose} each estimator also with its inner steps exact (leaving the
 * multi-step Hessian bias) and with its Hessian products exact (leaving the compositional bias), the seed paper's
 * ablation.
 *
 * <p>An estimator spec is an estimator name with LOLA-K's estimator keys, for example {@code dice},
 * {@code lvc:baseline=exact}, {@code dice:inner=exact} or {@code dice:offpolicy=1024}: the sampled LOLA-K rule is
 * {@code lola} with {@code k}, {@code eta}, {@code horizon} and {@code batch} from the sweep, {@code est} = the name
 * and the spec's keys.
 *
 * @param estimators the estimator specs
 * @param ks         lookahead steps
 * @param etas       lookahead step sizes
 * @param batches    batch sizes of the sampled parts that do not set their own
 * @param horizon    T of the sampled trajectories
 * @param decompose  whether to add the two ablation variants of every estimator
 */
public record BiasSweep(List<ComponentSpec> estimators, List<Integer> ks, List<Double> etas, List<Integer> batches,
                        int horizon, boolean decompose) {

    /** The keys an estimator spec may set (the others come from the sweep), surrogate-specific ones last. */
    public static final List<String> ESTIMATOR_KEYS = estimatorKeys();

    public BiasSweep {
        estimators = List.copyOf(estimators);
        ks = List.copyOf(ks);
        etas = List.copyOf(etas);
        batches = List.copyOf(batches);
        if (estimators.isEmpty() || ks.isEmpty() || etas.isEmpty() || batches.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one estimator, K, eta and batch size");
        }
    }

    private static List<String> estimatorKeys() {
        List<String> keys = new ArrayList<>(List.of("est", "inner", "hessian", "outer", "baseline", "noise",
                "offpolicy", "clip", "prefill", "replay"));
        for (Surrogate s : Surrogates.all()) {
            for (KeyDefinition key : s.keys()) {
                if (!keys.contains(key.name())) {
                    keys.add(key.name());
                }
            }
        }
        return List.copyOf(keys);
    }

    /** The number of configurations, computed without building them (to check limits first). */
    public long size() {
        return (long) ks.size() * etas.size() * estimators.size() * batches.size() * (decompose ? 3 : 1);
    }

    /**
     * Builds every configuration, in the documented order.
     *
     * @throws InvalidSpecException for an estimator spec with an unknown name, a key outside {@link #ESTIMATOR_KEYS}
     *                              or a bad value (one line naming it)
     */
    public List<BiasConfiguration> configurations() {
        List<BiasConfiguration> configurations = new ArrayList<>();
        for (int k : ks) {
            for (double eta : etas) {
                for (ComponentSpec estimator : estimators) {
                    for (int batch : batches) {
                        configurations.add(configuration(estimator, "", k, eta, batch));
                        if (decompose) {
                            configurations.add(configuration(estimator, "inner exact", k, eta, batch));
                            configurations.add(configuration(estimator, "hessian exact", k, eta, batch));
                        }
                    }
                }
            }
        }
        return configurations;
    }

    private BiasConfiguration configuration(ComponentSpec estimator, String variant, int k, double eta, int batch) {
        for (String key : estimator.params().keySet()) {
            if (!ESTIMATOR_KEYS.contains(key)) {
                throw new InvalidSpecException("estimator '" + estimator.text() + "': key '" + key + "' is not one of "
                        + String.join(", ", ESTIMATOR_KEYS));
            }
        }
        ComponentSpec lola = new ComponentSpec("lola", "lola", Map.of())
                .with("k", Integer.toString(k)).with("eta", Double.toString(eta));
        // The sweep's horizon and batch are defaults, not keys of the spec: an exact estimator in the sweep ignores
        // them instead of being refused for keys that do nothing, and a part's own dice/B still wins.
        Map<String, String> sweepDefaults = Map.of("horizon", Integer.toString(horizon), "batch",
                Integer.toString(batch));
        if (!estimator.params().containsKey("est")) {
            lola = lola.with("est", estimator.name());
        } else if (!estimator.name().equals("est")) {
            throw new InvalidSpecException("estimator '" + estimator.text() + "' names its estimator twice");
        }
        for (var e : estimator.params().entrySet()) {
            lola = lola.with(e.getKey(), e.getValue());
        }
        if (!variant.isEmpty()) {
            String[] kv = variant.split(" ");
            lola = lola.with(kv[0], kv[1]);
        }
        LookaheadLola rule;
        try {
            rule = (LookaheadLola) AgentCatalog.create(lola, new AgentDefaults(eta), sweepDefaults);
        } catch (InvalidSpecException e) {
            // Name the user's estimator spec, not the LOLA-K spec built from it.
            String message = e.getMessage();
            int cut = message.indexOf("': ");
            throw new InvalidSpecException("estimator '" + estimator.text() + "': "
                    + (cut < 0 ? message : message.substring(cut + 3)));
        }
        return new BiasConfiguration(Objects.requireNonNull(estimator.text()), variant, k, eta, batch, rule);
    }
}
