package dev.opshape.shaping.metabias;

import dev.opshape.shaping.estimator.EstimatorCatalog;
import dev.opshape.shaping.estimator.EstimatorSpec;
import dev.opshape.tabular.catalog.ComponentSpec;
import dev.opshape.tabular.catalog.InvalidSpecException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cross product of a meta-bias sweep, in the order estimator, parts, K, alpha, batch, Hessian bias.
 *
 * <p>An estimator is a sampled surrogate spec ({@code dice}, {@code loaded}, {@code lvc}, {@code maml} with optional
 * key {@code baseline=none|mean|learned|exact|noisy} ({@code noisy} with {@code noise=}, default 1), and
 * {@code lambda=} for {@code loaded}); the batch and horizon come from the sweep. Its default baseline follows the seed
 * paper: none for {@code dice} (plain DiCE), the exact state values for the others (the paper's value baseline without
 * its noise; {@code baseline=noisy} adds it).
 *
 * @param estimators   estimator specs
 * @param parts        sampled-part combinations
 * @param ks           inner step counts
 * @param lrs          inner step sizes
 * @param batches      trajectories per sampled part
 * @param hessianBiases injected Hessian errors c (0: none)
 * @param horizon      T of the sampled trajectories
 */
public record MetaBiasSweep(List<ComponentSpec> estimators, List<MetaParts> parts, List<Integer> ks,
                            List<Double> lrs, List<Integer> batches, List<Double> hessianBiases, int horizon) {

    /** Copies the lists. */
    public MetaBiasSweep {
        estimators = List.copyOf(estimators);
        parts = List.copyOf(parts);
        ks = List.copyOf(ks);
        lrs = List.copyOf(lrs);
        batches = List.copyOf(batches);
        hessianBiases = List.copyOf(hessianBiases);
    }

    /** Number of configurations. */
    public long size() {
        return (long) estimators.size() * parts.size() * ks.size() * lrs.size() * batches.size()
                * hessianBiases.size();
    }

    /**
     * Every configuration.
     *
     * @throws IllegalArgumentException naming the bad estimator spec and what is allowed
     */
    public List<MetaBiasConfiguration> configurations() {
        List<MetaBiasConfiguration> list = new ArrayList<>();
        for (ComponentSpec estimator : estimators) {
            check(estimator);
            Map<Integer, EstimatorSpec> byBatch = new HashMap<>();
            for (int batch : batches) {
                byBatch.put(batch, sampled(estimator, batch));
            }
            for (MetaParts p : parts) {
                for (int k : ks) {
                    for (double lr : lrs) {
                        for (int batch : batches) {
                            for (double c : hessianBiases) {
                                list.add(new MetaBiasConfiguration(estimator.text(), byBatch.get(batch), p, k, lr,
                                        batch, c));
                            }
                        }
                    }
                }
            }
        }
        return list;
    }

    private static void check(ComponentSpec estimator) {
        if (estimator.name().equals("exact")) {
            List<String> names = EstimatorCatalog.names();
            throw new IllegalArgumentException("estimator 'exact' samples nothing; use one of "
                    + String.join(", ", names.subList(1, names.size())) + " (--parts eee runs every part exact)");
        }
        for (String key : List.of("batch", "horizon", "offpolicy", "clip", "prefill", "replay")) {
            if (estimator.params().containsKey(key)) {
                throw new IllegalArgumentException("estimator '" + estimator.text() + "': key " + key + "= is not "
                        + "allowed here, only baseline=, noise= and loaded's lambda= (batch and horizon come from "
                        + "--batch and --horizon, and every part takes fresh samples)");
            }
        }
    }

    private EstimatorSpec sampled(ComponentSpec estimator, int batch) {
        String baseline = estimator.name().equals("dice") ? "none" : "exact";
        try {
            return EstimatorCatalog.catalog().create(estimator, Map.of("batch", Integer.toString(batch),
                    "horizon", Integer.toString(horizon), "baseline", baseline));
        } catch (InvalidSpecException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
