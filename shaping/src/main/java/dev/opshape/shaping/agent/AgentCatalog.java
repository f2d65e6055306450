package dev.opshape.shaping.agent;

import dev.opshape.games.strategy.FixedStrategies;
import dev.opshape.shaping.estimator.EstimatorCatalog;
import dev.opshape.shaping.estimator.EstimatorSpec;
import dev.opshape.shaping.estimator.Surrogate;
import dev.opshape.shaping.estimator.Surrogates;
import dev.opshape.shaping.learner.CompetitiveGradientDescent;
import dev.opshape.shaping.learner.ConsensusOptimization;
import dev.opshape.shaping.learner.ExtraGradient;
import dev.opshape.shaping.learner.FixedStrategyRule;
import dev.opshape.shaping.learner.LearningRule;
import dev.opshape.shaping.learner.LocalSymplecticSurgery;
import dev.opshape.shaping.learner.LookAhead;
import dev.opshape.shaping.learner.LookaheadLola;
import dev.opshape.shaping.learner.NaiveLearning;
import dev.opshape.shaping.learner.OpponentModelling;
import dev.opshape.shaping.learner.ProximalLola;
import dev.opshape.shaping.learner.StableOpponentShaping;
import dev.opshape.shaping.learner.SymplecticGradientAdjustment;
import dev.opshape.shaping.learner.TaylorLola;
import dev.opshape.tabular.catalog.Catalog;
import dev.opshape.tabular.catalog.CatalogEntry;
import dev.opshape.tabular.catalog.ComponentSpec;
import dev.opshape.tabular.catalog.KeyDefinition;
import dev.opshape.tabular.catalog.KeyType;
import dev.opshape.tabular.catalog.SpecValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every agent a spec can name, as one {@link Catalog}: the learners (with their keys, defaults, descriptions and
 * citations) followed by the fixed strategies of {@link FixedStrategies#catalog()}. The command-line help, the spec
 * parser and the contract tests read it; a new learner is one {@link LearningRule} type and one entry here.
 *
 * <p>Learners take the estimator keys of {@link EstimatorCatalog} ({@code est}, {@code batch}, {@code horizon},
 * {@code baseline}, {@code noise}); LOLA-K also {@code inner}, {@code hessian}, {@code outer} (a part's estimator,
 * with an optional batch size of its own, such as {@code dice/128}; when neither inner nor hessian is given each
 * lookahead step's products reuse its first-order batch, as in the original LOLA-DiCE code, otherwise they use
 * independent batches, as in the seed paper's ablation), {@code offpolicy} (a replay buffer for the lookahead parts;
 * the outer gradient stays on-policy) and {@code clip}. Every error names the spec, the bad key or value, and what
 * is allowed.
 */
public final class AgentCatalog {

    /** {@code est}: the estimator of every part. */
    static final KeyDefinition EST = new KeyDefinition("est", KeyType.choice(EstimatorCatalog.names()), "exact",
            "estimator of every part");
    /** {@code eta}: the lookahead step size (the command line's --eta replaces the default). */
    static final KeyDefinition ETA = new KeyDefinition("eta", KeyType.finite(),
            Double.toString(AgentDefaults.DEFAULT_ETA), "lookahead (opponent) step size");
    /** The LOLA-K part keys. */
    static final KeyDefinition INNER = new KeyDefinition("inner", EstimatorPart.TYPE, null,
            "estimator of the lookahead steps (their error is the compositional bias); default est");
    static final KeyDefinition HESSIAN = new KeyDefinition("hessian", EstimatorPart.TYPE, null,
            "estimator of the backward pass's Hessian-vector products (the multi-step Hessian bias); default est");
    static final KeyDefinition OUTER = new KeyDefinition("outer", EstimatorPart.TYPE, null,
            "estimator of the outer gradient; default est");

    /**
     * The keys of particular surrogates (Loaded DiCE's {@code lambda}), once each: a set key reaches every part whose
     * surrogate takes it, and is refused if no part does.
     */
    private static final List<KeyDefinition> SURROGATE_KEYS = surrogateKeys();

    private static final List<KeyDefinition> COMMON = keys(List.of(EST, EstimatorCatalog.BATCH,
            EstimatorCatalog.HORIZON, EstimatorCatalog.BASELINE, EstimatorCatalog.NOISE), SURROGATE_KEYS);

    /** LOLA's opponent-modelling keys: {@code om}, and the episodes it observes per update. */
    private static final List<KeyDefinition> OPPONENT_MODEL = List.of(
            new KeyDefinition("om", KeyType.choice(List.of("none", "counts")), "none",
                    "opponent model: none (read the opponent's logits) or counts (Laplace-smoothed action counts "
                            + "from observed episodes)"),
            new KeyDefinition("ombatch", KeyType.integer(1, 1 << 20),
                    Integer.toString(OpponentModelling.DEFAULT_BATCH), "om=counts: episodes observed per update"),
            new KeyDefinition("omhorizon", KeyType.integer(1, 1 << 20),
                    Integer.toString(OpponentModelling.DEFAULT_HORIZON), "om=counts: moves per observed episode"));

    /** The keys that only a sampled part reads (refused when every part is exact). */
    private static final List<KeyDefinition> SAMPLING_KEYS = List.of(EstimatorCatalog.BATCH,
            EstimatorCatalog.HORIZON, EstimatorCatalog.BASELINE, EstimatorCatalog.NOISE, EstimatorCatalog.OFFPOLICY,
            EstimatorCatalog.CLIP, EstimatorCatalog.PREFILL, EstimatorCatalog.REPLAY);

    private static final Catalog<LearningRule> LEARNERS = new Catalog<>("agent", List.of(
            CatalogEntry.of("nl", "naive learner: follows the gradient of its own value", "", COMMON,
                    v -> new NaiveLearning(estimator(v))),
            CatalogEntry.of("lola", "LOLA through k exact or sampled opponent lookahead steps (k=0 is NL)",
                    "Foerster et al. 2018; K-step form: Liu, Feng et al. 2022",
                    keys(List.of(new KeyDefinition("k", KeyType.integer(0, 10_000), "1", "lookahead steps K"), ETA),
                            COMMON, List.of(INNER, HESSIAN, OUTER, EstimatorCatalog.OFFPOLICY,
                                    EstimatorCatalog.CLIP, EstimatorCatalog.PREFILL, EstimatorCatalog.REPLAY),
                            OPPONENT_MODEL),
                    AgentCatalog::lookaheadLola),
            CatalogEntry.of("lola-taylor", "LOLA, first-order Taylor form", "Foerster et al. 2018, AAMAS",
                    keys(List.of(ETA, new KeyDefinition("full", KeyType.bool(), "false",
                            "also differentiate the opponent's gradient (adds the LookAhead term)")), COMMON),
                    v -> new TaylorLola(v.number("eta"), v.bool("full"), estimator(v))),
            CatalogEntry.of("la", "LookAhead: anticipates the opponent's step without shaping it",
                    "Zhang and Lesser 2010, AAAI", keys(List.of(ETA), COMMON),
                    v -> new LookAhead(v.number("eta"), estimator(v))),
            CatalogEntry.of("sos", "Stable Opponent Shaping", "Letcher et al. 2019, ICLR",
                    keys(List.of(ETA,
                            new KeyDefinition("a", KeyType.openInterval(0, 1),
                                    Double.toString(StableOpponentShaping.DEFAULT_A), "alignment parameter"),
                            new KeyDefinition("b", KeyType.openInterval(0, Double.POSITIVE_INFINITY),
                                    Double.toString(StableOpponentShaping.DEFAULT_B), "gradient-norm threshold")),
                            COMMON),
                    v -> new StableOpponentShaping(v.number("eta"), v.number("a"), v.number("b"), estimator(v))),
            CatalogEntry.of("sga", "symplectic gradient adjustment with Letcher et al.'s sign rule (a joint rule)",
                    "Balduzzi et al. 2018, ICML; Letcher et al. 2019, JMLR",
                    keys(List.of(new KeyDefinition("epsilon", KeyType.finite(),
                            Double.toString(SymplecticGradientAdjustment.DEFAULT_EPSILON), "alignment threshold")),
                            COMMON),
                    v -> new SymplecticGradientAdjustment(v.number("epsilon"), estimator(v))),
            CatalogEntry.of("co", "consensus optimisation: the gradient plus gamma times that of |xi|^2 / 2",
                    "Mescheder et al. 2017, NeurIPS",
                    keys(List.of(new KeyDefinition("gamma", KeyType.finite(),
                            Double.toString(ConsensusOptimization.DEFAULT_GAMMA), "weight of the consensus term")),
                            COMMON),
                    v -> new ConsensusOptimization(v.number("gamma"), estimator(v))),
            CatalogEntry.of("eg", "extragradient: the gradient at the point one naive step (eta) ahead",
                    "Korpelevich 1976; Gidel et al. 2019, ICLR", keys(List.of(ETA), COMMON),
                    v -> new ExtraGradient(v.number("eta"), estimator(v))),
            CatalogEntry.of("cgd", "competitive gradient descent: (I - eta J_o)^-1 g, J_o the cross blocks",
                    "Schaefer and Anandkumar 2019, NeurIPS", keys(List.of(ETA), COMMON),
                    v -> new CompetitiveGradientDescent(v.number("eta"), estimator(v))),
            CatalogEntry.of("lss", "local symplectic surgery: (g + J^T J^-1 g) / 2, regularised where J is singular",
                    "Mazumdar, Jordan and Sastry 2019",
                    keys(List.of(new KeyDefinition("reg", KeyType.openInterval(0, Double.POSITIVE_INFINITY),
                            Double.toString(LocalSymplecticSurgery.DEFAULT_REG), "regulariser of the singular case")),
                            COMMON),
                    v -> new LocalSymplecticSurgery(v.number("reg"), estimator(v))),
            CatalogEntry.of("pola", "proximal LOLA (outer form, exact values): the best response to LOLA-K's "
                    + "anticipated opponent within a KL ball of the current policy",
                    "Zhao, Lu, Grosse and Foerster 2022, NeurIPS",
                    List.of(new KeyDefinition("k", KeyType.integer(0, 10_000), "1", "opponent lookahead steps K"), ETA,
                            new KeyDefinition("beta", KeyType.closedInterval(0, Double.POSITIVE_INFINITY),
                                    Double.toString(ProximalLola.DEFAULT_BETA), "weight of the proximal KL term"),
                            new KeyDefinition("step", KeyType.openInterval(0, Double.POSITIVE_INFINITY),
                                    Double.toString(ProximalLola.DEFAULT_LR), "step of the proximal ascent"),
                            new KeyDefinition("tol", KeyType.openInterval(0, Double.POSITIVE_INFINITY),
                                    Double.toString(ProximalLola.DEFAULT_TOL), "KL change that ends the ascent"),
                            new KeyDefinition("iters", KeyType.integer(1, 1_000_000),
                                    Integer.toString(ProximalLola.DEFAULT_STEPS), "most ascent iterations")),
                    v -> new ProximalLola(v.integer("k"), v.number("eta"), v.number("beta"), v.number("step"),
                            v.number("tol"), v.integer("iters")))));

    private static final Catalog<LearningRule> ALL = Catalog.concat("agent", LEARNERS, strategies());

    private AgentCatalog() {
    }

    /** Every agent: learners, then fixed strategies. */
    public static Catalog<LearningRule> catalog() {
        return ALL;
    }

    /** The learners only. */
    public static Catalog<LearningRule> learners() {
        return LEARNERS;
    }

    /**
     * The learning rule of a spec, with the command line's defaults (for example {@code --eta}).
     *
     * @throws dev.opshape.tabular.catalog.InvalidSpecException for an unknown agent or key, or a malformed value
     */
    public static LearningRule create(ComponentSpec spec, AgentDefaults defaults) {
        return create(spec, defaults, Map.of());
    }

    /**
     * The learning rule of a spec, with the command line's defaults and further default texts by key name (for
     * example a sweep's {@code batch} and {@code horizon}): a default is not "set", so it is never refused as a key
     * that does nothing, and keys the agent lacks are ignored.
     *
     * @throws dev.opshape.tabular.catalog.InvalidSpecException for an unknown agent or key, or a malformed value
     */
    public static LearningRule create(ComponentSpec spec, AgentDefaults defaults, Map<String, String> keyDefaults) {
        Map<String, String> all = new LinkedHashMap<>(keyDefaults);
        all.put(ETA.name(), Double.toString(defaults.eta()));
        return ALL.create(spec, all);
    }

    /** The fixed strategies as agents: each entry reads its keys with the strategy's own types and checks. */
    private static Catalog<LearningRule> strategies() {
        List<CatalogEntry<LearningRule>> entries = new ArrayList<>();
        for (CatalogEntry<FixedStrategies.StrategyFactory> e : FixedStrategies.catalog().entries()) {
            entries.add(new CatalogEntry<>(e.name(), e.aliases(), e.description(), e.citation(), e.keys(),
                    v -> new FixedStrategyRule(e.name(), v.spec().params(), e.factory().apply(v))));
        }
        return new Catalog<>("agent", entries);
    }

    @SafeVarargs
    private static List<KeyDefinition> keys(List<KeyDefinition>... groups) {
        List<KeyDefinition> all = new ArrayList<>();
        for (List<KeyDefinition> g : groups) {
            all.addAll(g);
        }
        return all;
    }

    private static List<KeyDefinition> surrogateKeys() {
        Map<String, KeyDefinition> byName = new LinkedHashMap<>();
        for (Surrogate s : Surrogates.all()) {
            for (KeyDefinition key : s.keys()) {
                byName.putIfAbsent(key.name(), key);
            }
        }
        return List.copyOf(byName.values());
    }

    private static boolean takesKey(String estimator, String key) {
        return Surrogates.byName(estimator).map(s -> s.keys().stream().anyMatch(k -> k.name().equals(key)))
                .orElse(false);
    }

    /** Refuses a surrogate key that none of the spec's part estimators takes (it would do nothing). */
    private static void checkSurrogateKeys(SpecValues v, List<String> estimators) {
        for (KeyDefinition key : SURROGATE_KEYS) {
            if (v.isSet(key.name()) && estimators.stream().noneMatch(e -> takesKey(e, key.name()))) {
                List<String> takers = Surrogates.all().stream().filter(s -> takesKey(s.name(), key.name()))
                        .map(Surrogate::name).toList();
                throw Catalog.bad(v, key.name(), "applies to " + String.join(", ", takers)
                        + " only, and no part of this spec uses it");
            }
        }
    }

    /**
     * Refuses the sampling keys ({@code batch}, {@code horizon}, {@code baseline}, {@code noise}, and LOLA-K's
     * {@code offpolicy} and {@code clip}) when every part of the spec is exact: they would do nothing.
     */
    private static void checkSamplingKeys(SpecValues v, List<String> estimators) {
        if (estimators.stream().anyMatch(e -> !e.equals("exact"))) {
            return;
        }
        for (KeyDefinition key : SAMPLING_KEYS) {
            if (v.isSet(key.name())) {
                List<String> sampled = EstimatorCatalog.names().stream().filter(e -> !e.equals("exact")).toList();
                throw Catalog.bad(v, key.name(), "applies to sampled parts only, and every part of this spec is "
                        + "exact (choose a sampled estimator with est=: " + String.join(", ", sampled) + ")");
            }
        }
    }

    /** The estimator of every part of a one-estimate learner, from {@code est} and the sampling keys. */
    private static EstimatorSpec estimator(SpecValues v) {
        checkSamplingKeys(v, List.of(v.text(EST.name())));
        checkSurrogateKeys(v, List.of(v.text(EST.name())));
        return part(v, EST.name(), new EstimatorPart(v.text(EST.name()), 0), 0, Double.POSITIVE_INFINITY);
    }

    private static LearningRule lookaheadLola(SpecValues v) {
        int buffer = v.integer(EstimatorCatalog.OFFPOLICY.name());
        int batch = v.integer(EstimatorCatalog.BATCH.name());
        if (buffer > 0 && buffer < batch) {
            throw Catalog.bad(v, EstimatorCatalog.OFFPOLICY.name(), "must hold at least one batch (" + batch
                    + " trajectories), or be 0");
        }
        double clip = v.number(EstimatorCatalog.CLIP.name());
        EstimatorPart all = new EstimatorPart(v.text(EST.name()), 0);
        List<String> used = new ArrayList<>();
        for (KeyDefinition key : List.of(INNER, HESSIAN, OUTER)) {
            used.add(v.isSet(key.name()) ? ((EstimatorPart) v.value(key.name())).estimator() : all.estimator());
        }
        checkSamplingKeys(v, used);
        checkSurrogateKeys(v, used);
        EstimatorCatalog.checkReplay(v, buffer, batch);
        EstimatorSpec inner = lolaPart(v, INNER, all, buffer, clip);
        EstimatorSpec hessian = lolaPart(v, HESSIAN, all, buffer, clip);
        EstimatorSpec outer = lolaPart(v, OUTER, all, 0, clip);
        boolean shared = !v.isSet(INNER.name()) && !v.isSet(HESSIAN.name());
        LookaheadLola lola = new LookaheadLola(v.integer("k"), v.number("eta"), inner, hessian, outer, shared);
        if (v.text("om").equals("none")) {
            for (String key : List.of("ombatch", "omhorizon")) {
                if (v.isSet(key)) {
                    throw Catalog.bad(v, key, "applies to om=counts only");
                }
            }
            return lola;
        }
        return new OpponentModelling(lola, v.integer("ombatch"), v.integer("omhorizon"));
    }

    private static EstimatorSpec lolaPart(SpecValues v, KeyDefinition key, EstimatorPart fallback, int buffer,
                                          double clip) {
        return v.isSet(key.name()) ? part(v, key.name(), (EstimatorPart) v.value(key.name()), buffer, clip)
                : part(v, EST.name(), fallback, buffer, clip);
    }

    /** One part's estimator: exact, or a sampled surrogate with the spec's sampling keys and this part's buffer. */
    private static EstimatorSpec part(SpecValues v, String key, EstimatorPart part, int buffer, double clip) {
        EstimatorCatalog.checkNoise(v);
        if (part.estimator().equals("exact")) {
            return EstimatorSpec.EXACT;
        }
        int batch = part.batch() > 0 ? part.batch() : v.integer(EstimatorCatalog.BATCH.name());
        if (buffer > 0 && buffer < batch) {
            throw Catalog.bad(v, key, "has batch " + batch + " larger than offpolicy=" + buffer);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(EstimatorCatalog.BATCH.name(), Integer.toString(batch));
        settings.put(EstimatorCatalog.HORIZON.name(), Integer.toString(v.integer(EstimatorCatalog.HORIZON.name())));
        settings.put(EstimatorCatalog.BASELINE.name(), v.text(EstimatorCatalog.BASELINE.name()));
        if (v.isSet(EstimatorCatalog.NOISE.name())) {
            settings.put(EstimatorCatalog.NOISE.name(), Double.toString(v.number(EstimatorCatalog.NOISE.name())));
        }
        for (KeyDefinition surrogateKey : SURROGATE_KEYS) {
            if (v.isSet(surrogateKey.name()) && takesKey(part.estimator(), surrogateKey.name())) {
                settings.put(surrogateKey.name(), v.spec().params().get(surrogateKey.name()));
            }
        }
        settings.put(EstimatorCatalog.OFFPOLICY.name(), Integer.toString(buffer));
        if (buffer > 0) {
            // The replay keys belong to the buffered (lookahead) parts; the outer part (buffer 0) keeps the defaults.
            settings.put(EstimatorCatalog.PREFILL.name(), Integer.toString(v.integer(EstimatorCatalog.PREFILL.name())));
            settings.put(EstimatorCatalog.REPLAY.name(), v.text(EstimatorCatalog.REPLAY.name()));
        }
        settings.put(EstimatorCatalog.CLIP.name(), Double.isInfinite(clip) ? "inf" : Double.toString(clip));
        ComponentSpec named = new ComponentSpec(v.spec().text(), part.estimator(), Map.of());
        return EstimatorCatalog.catalog().create(named, settings);
    }
}
