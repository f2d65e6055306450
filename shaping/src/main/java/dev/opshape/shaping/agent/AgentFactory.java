package dev.opshape.shaping.agent;

import dev.opshape.games.strategy.FixedStrategies;
import dev.opshape.shaping.learner.FixedStrategyRule;
import dev.opshape.shaping.learner.LearningRule;
import dev.opshape.shaping.learner.LookAhead;
import dev.opshape.shaping.learner.LookaheadLola;
import dev.opshape.shaping.learner.NaiveLearning;
import dev.opshape.shaping.learner.StableOpponentShaping;
import dev.opshape.shaping.learner.TaylorLola;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns {@link AgentSpec}s into {@link LearningRule}s. The agents and their keys:
 * <ul>
 *   <li>{@code nl}: naive learner;</li>
 *   <li>{@code lola}: LOLA with K lookahead steps, keys {@code k} (default 1; 0 is NL) and {@code eta};</li>
 *   <li>{@code lola-taylor}: first-order Taylor LOLA (Foerster et al. 2018), keys {@code eta} and
 *       {@code full} (true adds the LookAhead term; default false);</li>
 *   <li>{@code la}: LookAhead, key {@code eta};</li>
 *   <li>{@code sos}: Stable Opponent Shaping, keys {@code eta}, {@code a} (default 0.5), {@code b} (default
 *       0.1);</li>
 *   <li>every fixed strategy of {@link FixedStrategies} with its keys.</li>
 * </ul>
 * Learners also take the estimator keys of {@link EstimatorKeys} ({@code est}, {@code batch}, {@code horizon},
 * {@code baseline}; for {@code lola} also {@code inner}, {@code hessian}, {@code outer}, {@code offpolicy},
 * {@code clip}).
 * Every error names the spec, the bad key or value, and what is allowed.
 */
public final class AgentFactory {

    private static final Map<String, String> LEARNERS = new LinkedHashMap<>();
    private static final Map<String, Set<String>> LEARNER_KEYS = Map.of(
            "nl", with(EstimatorKeys.COMMON),
            "lola", with(EstimatorKeys.COMMON, EstimatorKeys.LOOKAHEAD, "k", "eta"),
            "lola-taylor", with(EstimatorKeys.COMMON, "eta", "full"),
            "la", with(EstimatorKeys.COMMON, "eta"),
            "sos", with(EstimatorKeys.COMMON, "eta", "a", "b"));

    private static Set<String> with(Set<String> common, String... keys) {
        Set<String> all = new java.util.HashSet<>(common);
        all.addAll(List.of(keys));
        return Set.copyOf(all);
    }

    private static Set<String> with(Set<String> common, Set<String> more, String... keys) {
        Set<String> all = new java.util.HashSet<>(with(common, keys));
        all.addAll(more);
        return Set.copyOf(all);
    }

    static {
        LEARNERS.put("nl", "naive learner: follows the gradient of its own value");
        LEARNERS.put("lola", "LOLA through k exact opponent lookahead steps (k=1 default, k=0 is NL)");
        LEARNERS.put("lola-taylor", "LOLA, first-order Taylor form of Foerster et al. 2018");
        LEARNERS.put("la", "LookAhead: anticipates the opponent's step without shaping it");
        LEARNERS.put("sos", "Stable Opponent Shaping (Letcher et al. 2019)");
    }

    private AgentFactory() {
    }

    /** The learner names with a one-line description each (fixed strategies: {@link FixedStrategies}). */
    public static Map<String, String> learners() {
        return java.util.Collections.unmodifiableMap(LEARNERS);
    }

    /** Every agent name: learners then fixed strategies. */
    public static List<String> names() {
        List<String> names = new java.util.ArrayList<>(LEARNERS.keySet());
        names.addAll(FixedStrategies.names());
        return names;
    }

    /**
     * The learning rule of a spec.
     *
     * @throws IllegalArgumentException for an unknown agent or key, or a malformed value (one-line message)
     */
    public static LearningRule create(AgentSpec spec, AgentDefaults defaults) {
        String name = spec.name();
        if (FixedStrategies.isStrategy(name)) {
            for (String key : spec.params().keySet()) {
                if (!FixedStrategies.keys(name).contains(key)) {
                    throw new IllegalArgumentException("agent '" + spec.text() + "': unknown key '" + key + "'; "
                            + (FixedStrategies.keys(name).isEmpty() ? name + " takes no keys"
                            : name + " takes " + String.join(", ", new TreeSet<>(FixedStrategies.keys(name)))));
                }
            }
            return new FixedStrategyRule(name, spec.params());
        }
        Set<String> allowed = LEARNER_KEYS.get(name);
        if (allowed == null) {
            throw new IllegalArgumentException("unknown agent '" + spec.name() + "' in '" + spec.text()
                    + "'; known: " + String.join(", ", names()));
        }
        for (String key : spec.params().keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("agent '" + spec.text() + "': unknown key '" + key + "'; "
                        + (allowed.isEmpty() ? name + " takes no keys"
                        : name + " takes " + String.join(", ", new TreeSet<>(allowed))));
            }
        }
        double eta = spec.params().containsKey("eta") ? finite(spec, "eta") : defaults.eta();
        EstimatorKeys estimators = new EstimatorKeys(spec);
        switch (name) {
            case "nl":
                return new NaiveLearning(estimators.all());
            case "lola": {
                int k = spec.params().containsKey("k") ? integer(spec, "k", 0, 10_000) : 1;
                return new LookaheadLola(k, eta, estimators.part("inner"), estimators.part("hessian"),
                        estimators.part("outer"), estimators.sharedInnerHessian());
            }
            case "lola-taylor":
                return new TaylorLola(eta, bool(spec, "full", false), estimators.all());
            case "la":
                return new LookAhead(eta, estimators.all());
            case "sos": {
                double a = spec.params().containsKey("a") ? finite(spec, "a") : StableOpponentShaping.DEFAULT_A;
                double b = spec.params().containsKey("b") ? finite(spec, "b") : StableOpponentShaping.DEFAULT_B;
                if (!(a > 0 && a < 1)) {
                    throw bad(spec, "a", "must be in (0, 1)");
                }
                if (!(b > 0)) {
                    throw bad(spec, "b", "must be > 0");
                }
                return new StableOpponentShaping(eta, a, b, estimators.all());
            }
            default:
                throw new AssertionError(name);
        }
    }

    private static IllegalArgumentException bad(AgentSpec spec, String key, String allowed) {
        return new IllegalArgumentException("agent '" + spec.text() + "': " + key + "=" + spec.params().get(key)
                + " " + allowed);
    }

    private static double finite(AgentSpec spec, String key) {
        try {
            double v = Double.parseDouble(spec.params().get(key));
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(spec, key, "is not a finite number");
    }

    private static int integer(AgentSpec spec, String key, int min, int max) {
        try {
            int v = Integer.parseInt(spec.params().get(key));
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(spec, key, "is not an integer in [" + min + ", " + max + "]");
    }

    private static boolean bool(AgentSpec spec, String key, boolean fallback) {
        String v = spec.params().get(key);
        if (v == null) {
            return fallback;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw bad(spec, key, "is not true or false");
    }
}
