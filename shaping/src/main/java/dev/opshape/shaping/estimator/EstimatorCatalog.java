package dev.opshape.shaping.estimator;

import dev.opshape.tabular.catalog.Catalog;
import dev.opshape.tabular.catalog.CatalogEntry;
import dev.opshape.tabular.catalog.InvalidSpecException;
import dev.opshape.tabular.catalog.KeyDefinition;
import dev.opshape.tabular.catalog.KeyType;
import dev.opshape.tabular.catalog.SpecValues;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The estimators, as a {@link Catalog}: {@code exact} and every registered {@link Surrogate} ({@link Surrogates}),
 * with the keys a sampled estimator takes. An entry makes an {@link EstimatorSpec} from checked values; the learners'
 * catalog reuses the keys defined here, so they are written once.
 */
public final class EstimatorCatalog {

    /** Largest batch or buffer a key accepts (trajectories); memory limits are checked separately. */
    public static final int MAX_TRAJECTORIES = 1 << 24;
    /** Largest trajectory length a key accepts (moves). */
    public static final int MAX_HORIZON = 1 << 24;

    /** {@code batch}: fresh trajectories per sampled estimate. */
    public static final KeyDefinition BATCH = new KeyDefinition("batch", KeyType.integer(1, MAX_TRAJECTORIES),
            Integer.toString(SampledEstimatorSpec.DEFAULT_BATCH), "fresh trajectories per sampled estimate");
    /** {@code horizon}: moves per sampled trajectory. */
    public static final KeyDefinition HORIZON = new KeyDefinition("horizon", KeyType.integer(1, MAX_HORIZON),
            Integer.toString(SampledEstimatorSpec.DEFAULT_HORIZON), "moves per sampled trajectory (T)");
    /** {@code baseline}: the variance-reduction baseline. */
    public static final KeyDefinition BASELINE = new KeyDefinition("baseline", KeyType.choice(baselineNames()),
            BaselineKind.MEAN.display(), "variance-reduction baseline");
    /** {@code offpolicy}: replay-buffer capacity (0: on-policy). */
    public static final KeyDefinition OFFPOLICY = new KeyDefinition("offpolicy",
            KeyType.integer(0, MAX_TRAJECTORIES), "0",
            "replay buffer of that many trajectories with importance weights (0: on-policy)");
    /** {@code clip}: the largest per-step importance ratio. */
    public static final KeyDefinition CLIP = new KeyDefinition("clip", KeyType.positiveOrInfinite(), "inf",
            "largest per-step importance ratio (inf: no clipping)");

    /** {@code prefill}: batches drawn into the empty replay buffer at the first point (the seed paper's 8). */
    public static final KeyDefinition PREFILL = new KeyDefinition("prefill", KeyType.integer(0, MAX_TRAJECTORIES),
            "0", "offpolicy only: batches drawn into the empty buffer at the first point, before the first estimate");
    /** {@code replay}: whose replay buffer an estimator uses. */
    public static final KeyDefinition REPLAY = new KeyDefinition("replay", KeyType.choice(List.of("own", "shared")),
            "own", "offpolicy only: own buffer per agent, or one buffer shared by both agents of a pairing");

    /** {@code noise}: the scale of the noisy baseline's error. */
    public static final KeyDefinition NOISE = new KeyDefinition("noise", KeyType.atLeast(0.0),
            Double.toString(SampledEstimatorSpec.DEFAULT_NOISE),
            "baseline=noisy only: error scale, in units of |V|_2 / S per state");

    /** The keys of a sampled estimator, in help order. */
    public static final List<KeyDefinition> SAMPLED_KEYS = List.of(BATCH, HORIZON, BASELINE, NOISE, OFFPOLICY,
            CLIP, PREFILL, REPLAY);

    private static final Catalog<EstimatorSpec> CATALOG = build();

    private EstimatorCatalog() {
    }

    /** The catalog: {@code exact}, then every surrogate. */
    public static Catalog<EstimatorSpec> catalog() {
        return CATALOG;
    }

    /** The estimator names, {@code exact} first. */
    public static List<String> names() {
        return CATALOG.names();
    }

    private static Catalog<EstimatorSpec> build() {
        List<CatalogEntry<EstimatorSpec>> entries = new ArrayList<>();
        entries.add(CatalogEntry.of("exact", "exact values and derivatives (no sampling)", "", List.of(),
                v -> EstimatorSpec.EXACT));
        for (Surrogate s : Surrogates.all()) {
            List<KeyDefinition> keys = new ArrayList<>(SAMPLED_KEYS);
            keys.addAll(s.keys());
            entries.add(CatalogEntry.of(s.name(), s.description(), "", keys, v -> sampled(s.configured(v), v)));
        }
        return new Catalog<>("estimator", entries);
    }

    /**
     * The sampled estimator of a surrogate with the checked values of {@link #SAMPLED_KEYS}.
     *
     * @throws InvalidSpecException if the buffer cannot hold one batch
     */
    public static SampledEstimatorSpec sampled(Surrogate surrogate, SpecValues values) {
        int batch = values.integer(BATCH.name());
        int buffer = values.integer(OFFPOLICY.name());
        if (buffer > 0 && buffer < batch) {
            throw Catalog.bad(values, OFFPOLICY.name(), "must hold at least one batch (" + batch
                    + " trajectories), or be 0");
        }
        BaselineKind baseline = BaselineKind.of(values.text(BASELINE.name()));
        checkNoise(values);
        checkReplay(values, buffer, batch);
        try {
            return new SampledEstimatorSpec(surrogate, batch, values.integer(HORIZON.name()), baseline, buffer,
                    values.number(CLIP.name()), values.number(NOISE.name()), values.integer(PREFILL.name()),
                    values.text(REPLAY.name()).equals("shared"));
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException(values.kind() + " '" + values.spec().text() + "': " + e.getMessage());
        }
    }

    /**
     * Refuses a {@link #NOISE} set in a spec whose baseline is not the noisy one (where it would be ignored).
     *
     * @throws InvalidSpecException naming the key and what it needs
     */
    public static void checkNoise(SpecValues values) {
        if (values.isSet(NOISE.name()) && BaselineKind.of(values.text(BASELINE.name())) != BaselineKind.NOISY) {
            throw Catalog.bad(values, NOISE.name(), "is the noisy baseline's error scale; it needs baseline="
                    + BaselineKind.NOISY.display());
        }
    }

    /**
     * Refuses {@link #PREFILL} and {@link #REPLAY} without a replay buffer, and a pre-fill larger than the buffer.
     *
     * @throws InvalidSpecException naming the key and what it needs
     */
    public static void checkReplay(SpecValues values, int buffer, int batch) {
        for (KeyDefinition key : List.of(PREFILL, REPLAY)) {
            if (values.isSet(key.name()) && buffer == 0) {
                throw Catalog.bad(values, key.name(), "applies to a replay buffer only; it needs offpolicy > 0");
            }
        }
        long prefill = values.integer(PREFILL.name());
        if (prefill * batch > buffer && prefill > 0) {
            throw Catalog.bad(values, PREFILL.name(), "is " + prefill + " batches of " + batch + " trajectories, "
                    + "more than offpolicy=" + buffer + " holds (at most " + buffer / batch + ")");
        }
    }

    private static List<String> baselineNames() {
        List<String> names = new ArrayList<>();
        for (BaselineKind kind : BaselineKind.values()) {
            names.add(kind.display().toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
