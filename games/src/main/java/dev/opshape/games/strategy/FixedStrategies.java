package dev.opshape.games.strategy;

import dev.opshape.games.DilemmaConditions;
import dev.opshape.games.InvalidGameException;
import dev.opshape.games.MatrixGame;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The named fixed memory-1 strategies. Probabilities of cooperating (action 0) by own-view state
 * [start, CC, CD, DC, DD]:
 * <ul>
 *   <li>{@code allc} always cooperate [1, 1, 1, 1, 1]; {@code alld} always defect [0, 0, 0, 0, 0];</li>
 *   <li>{@code tft} tit-for-tat (Rapoport; Axelrod 1984): copy the other's last move [1, 1, 0, 1, 0];</li>
 *   <li>{@code wsls} win-stay lose-shift, Pavlov (Nowak and Sigmund 1993, Nature 364): cooperate after CC and DD
 *       [1, 1, 0, 0, 1];</li>
 *   <li>{@code gtft} generous tit-for-tat (Nowak and Sigmund 1992, Nature 355): after the other's defection
 *       cooperate with probability g, by default g = min(1 - (T - R)/(R - S), (R - P)/(T - P))
 *       [1, 1, g, 1, g]; key {@code g};</li>
 *   <li>{@code grim} grim trigger in its memory-1 form: cooperate only after mutual cooperation [1, 1, 0, 0, 0];</li>
 *   <li>{@code random} every action with equal probability (any game);</li>
 *   <li>{@code extort} Press and Dyson's extortionate zero-determinant strategy (PNAS 109(26), 2012), which
 *       enforces s_X - P = chi (s_Y - P) in the undiscounted game: [1, 1 - phi (chi - 1)(R - P),
 *       1 - phi ((P - S) + chi (T - P)), phi ((T - P) + chi (P - S)), 0], key {@code chi} (default 3) and
 *       {@code phi} as a fraction of its largest feasible value (default 0.5, as in Press and Dyson's example);
 *       with R, S, T, P = 3, 0, 5, 1 and chi = 3 this gives their (11/13, 1/2, 7/26, 0). It opens with C.</li>
 *   <li>{@code probs} a given table: key {@code p} with the probabilities of action 0 per state for two-action
 *       agents, separated by {@code /} (for example {@code probs:p=1/1/0/1/0} is tit-for-tat).</li>
 * </ul>
 * All but {@code random} and {@code probs} need a symmetric 2 x 2 game with action 0 = cooperate;
 * {@code gtft} and {@code extort} read R, S, T, P from it and require T &gt; R &gt; P &gt; S.
 */
public final class FixedStrategies {

    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put("allc", "always cooperate");
        DESCRIPTIONS.put("alld", "always defect");
        DESCRIPTIONS.put("tft", "tit-for-tat: cooperate first, then copy the other's last move");
        DESCRIPTIONS.put("wsls", "win-stay lose-shift (Pavlov): cooperate after CC and DD");
        DESCRIPTIONS.put("gtft", "generous tit-for-tat: forgive a defection with probability g");
        DESCRIPTIONS.put("grim", "grim trigger (memory-1): cooperate only after mutual cooperation");
        DESCRIPTIONS.put("random", "every action with equal probability");
        DESCRIPTIONS.put("extort", "Press-Dyson extortionate zero-determinant strategy (chi, phi)");
        DESCRIPTIONS.put("probs", "a given table of cooperation probabilities, p=start/CC/CD/DC/DD");
    }

    private static final Map<String, Set<String>> KEYS = Map.of(
            "gtft", Set.of("g"),
            "extort", Set.of("chi", "phi"),
            "probs", Set.of("p"));

    private FixedStrategies() {
    }

    /** The strategy names with a one-line description each, in a fixed order. */
    public static Map<String, String> descriptions() {
        return java.util.Collections.unmodifiableMap(DESCRIPTIONS);
    }

    /** True if the name (case-insensitive) is a fixed strategy. */
    public static boolean isStrategy(String name) {
        return name != null && DESCRIPTIONS.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** The keys the strategy accepts (empty for most). */
    public static Set<String> keys(String name) {
        return name == null ? Set.of() : KEYS.getOrDefault(name.toLowerCase(Locale.ROOT), Set.of());
    }

    /** The strategy with default parameters. */
    public static Memory1Strategy create(String name, MatrixGame game, int agent) {
        return create(name, Map.of(), game, agent);
    }

    /**
     * The named strategy for the given agent of the game.
     *
     * @param name   one of {@link #descriptions()}' keys (case-insensitive)
     * @param params key = value parameters (see the class comment); unknown keys are rejected
     * @throws InvalidGameException for an unknown name or key, a bad value, or a game the strategy does not fit
     */
    public static Memory1Strategy create(String name, Map<String, String> params, MatrixGame game, int agent) {
        if (name == null) {
            throw new InvalidGameException("no strategy name; known: " + String.join(", ", DESCRIPTIONS.keySet()));
        }
        String key = name.toLowerCase(Locale.ROOT);
        if (!DESCRIPTIONS.containsKey(key)) {
            throw new InvalidGameException("unknown strategy '" + name + "'; known: "
                    + String.join(", ", DESCRIPTIONS.keySet()));
        }
        for (String p : params.keySet()) {
            if (!keys(key).contains(p)) {
                throw new InvalidGameException("strategy '" + key + "' has no key '" + p + "'"
                        + (keys(key).isEmpty() ? "; it takes no keys" : "; allowed: " + String.join(", ",
                        keys(key).stream().sorted().toList())));
            }
        }
        int k = game.numActions(agent);
        int states = 1 + game.rows() * game.columns();
        switch (key) {
            case "random": {
                double[] table = new double[states * k];
                Arrays.fill(table, 1.0 / k);
                return new Memory1Strategy("random", k, table);
            }
            case "probs":
                return probabilityTable(params.get("p"), k, states);
            default:
                break;
        }
        DilemmaConditions d = game.dilemma();
        if (!d.applicable()) {
            throw new InvalidGameException("strategy '" + key + "' needs a symmetric 2x2 game with action 0 = "
                    + "cooperate; game '" + game.name() + "' is not (use random or probs)");
        }
        double r = d.reward();
        double s = d.sucker();
        double t = d.temptation();
        double p = d.punishment();
        switch (key) {
            case "allc":
                return Memory1Strategy.ofCooperation("allc", 1, 1, 1, 1, 1);
            case "alld":
                return Memory1Strategy.ofCooperation("alld", 0, 0, 0, 0, 0);
            case "tft":
                return Memory1Strategy.ofCooperation("tft", 1, 1, 0, 1, 0);
            case "wsls":
                return Memory1Strategy.ofCooperation("wsls", 1, 1, 0, 0, 1);
            case "grim":
                return Memory1Strategy.ofCooperation("grim", 1, 1, 0, 0, 0);
            case "gtft": {
                double g;
                if (params.containsKey("g")) {
                    g = probability("gtft", "g", params.get("g"));
                } else {
                    requirePrisonersDilemma(key, game, d);
                    g = Math.min(1 - (t - r) / (r - s), (r - p) / (t - p));
                }
                return Memory1Strategy.ofCooperation("gtft", 1, 1, g, 1, g);
            }
            case "extort": {
                requirePrisonersDilemma(key, game, d);
                double chi = number("extort", "chi", params.getOrDefault("chi", "3"));
                if (!(chi >= 1)) {
                    throw new InvalidGameException("strategy 'extort': chi = " + chi + "; the extortion factor "
                            + "must be >= 1");
                }
                double fraction = number("extort", "phi", params.getOrDefault("phi", "0.5"));
                if (!(fraction > 0 && fraction <= 1)) {
                    throw new InvalidGameException("strategy 'extort': phi = " + fraction + "; phi is a fraction "
                            + "of its largest feasible value and must be in (0, 1]");
                }
                // Largest phi keeping every probability in [0, 1].
                double phiMax = 1 / ((p - s) + chi * (t - p));
                if (chi > 1) {
                    phiMax = Math.min(phiMax, 1 / ((chi - 1) * (r - p)));
                }
                phiMax = Math.min(phiMax, 1 / ((t - p) + chi * (p - s)));
                double phi = fraction * phiMax;
                return Memory1Strategy.ofCooperation("extort", 1,
                        1 - phi * (chi - 1) * (r - p),
                        1 - phi * ((p - s) + chi * (t - p)),
                        phi * ((t - p) + chi * (p - s)),
                        0);
            }
            default:
                throw new AssertionError(key);
        }
    }

    private static void requirePrisonersDilemma(String key, MatrixGame game, DilemmaConditions d) {
        if (!d.prisonersDilemma()) {
            throw new InvalidGameException("strategy '" + key + "' is defined for prisoner's dilemmas "
                    + "(T>R>P>S); game '" + game.name() + "' is a " + d.summary());
        }
    }

    private static Memory1Strategy probabilityTable(String spec, int k, int states) {
        if (spec == null) {
            throw new InvalidGameException("strategy 'probs' needs key p, for example probs:p=1/1/0/1/0");
        }
        if (k != 2) {
            throw new InvalidGameException("strategy 'probs' gives one cooperation probability per state and "
                    + "needs a 2-action agent; this agent has " + k + " actions");
        }
        String[] parts = spec.split("/", -1);
        if (parts.length != states) {
            throw new InvalidGameException("strategy 'probs': p=" + spec + " has " + parts.length
                    + " values; this game needs " + states + " (start then each previous outcome, own action "
                    + "first), separated by /");
        }
        double[] pc = new double[states];
        for (int i = 0; i < states; i++) {
            pc[i] = probability("probs", "p", parts[i]);
        }
        return Memory1Strategy.ofCooperation("probs", pc);
    }

    private static double probability(String strategy, String key, String text) {
        double value = number(strategy, key, text);
        if (!(value >= 0 && value <= 1)) {
            throw new InvalidGameException("strategy '" + strategy + "': " + key + " = " + text
                    + " is not a probability in [0, 1]");
        }
        return value;
    }

    private static double number(String strategy, String key, String text) {
        try {
            double value = Double.parseDouble(text.trim());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw new InvalidGameException("strategy '" + strategy + "': " + key + " = '" + text
                + "' is not a finite number");
    }

    /** The strategy names, in the order of {@link #descriptions()}. */
    public static List<String> names() {
        return List.copyOf(DESCRIPTIONS.keySet());
    }
}
