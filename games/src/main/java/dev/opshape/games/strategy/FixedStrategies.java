package dev.opshape.games.strategy;

import dev.opshape.games.DilemmaConditions;
import dev.opshape.games.MatrixGame;
import dev.opshape.tabular.InvalidModelException;
import dev.opshape.tabular.catalog.Catalog;
import dev.opshape.tabular.catalog.CatalogEntry;
import dev.opshape.tabular.catalog.ComponentSpec;
import dev.opshape.tabular.catalog.InvalidSpecException;
import dev.opshape.tabular.catalog.KeyDefinition;
import dev.opshape.tabular.catalog.KeyType;
import dev.opshape.tabular.catalog.NumberGrammar;
import dev.opshape.tabular.catalog.SpecValues;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

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

    /** Makes one strategy for a given game and seat, from a catalog entry's checked values. */
    @FunctionalInterface
    public interface StrategyFactory {
        /**
         * @throws InvalidModelException if the strategy does not fit the game or seat
         */
        Memory1Strategy create(MatrixGame game, int agent);
    }

    private static final KeyType PROBABILITY = KeyType.closedInterval(0, 1);

    private static final Catalog<StrategyFactory> CATALOG = new Catalog<>("strategy", List.of(
            entry("allc", "always cooperate", "", List.of(), v -> dilemma("allc", 1, 1, 1, 1, 1)),
            entry("alld", "always defect", "", List.of(), v -> dilemma("alld", 0, 0, 0, 0, 0)),
            entry("tft", "tit-for-tat: cooperate first, then copy the other's last move", "Rapoport; Axelrod 1984",
                    List.of(), v -> dilemma("tft", 1, 1, 0, 1, 0)),
            entry("wsls", "win-stay lose-shift (Pavlov): cooperate after CC and DD",
                    "Nowak and Sigmund 1993, Nature 364", List.of(), v -> dilemma("wsls", 1, 1, 0, 0, 1)),
            entry("gtft", "generous tit-for-tat: forgive a defection with probability g",
                    "Nowak and Sigmund 1992, Nature 355",
                    List.of(new KeyDefinition("g", PROBABILITY, null,
                            "forgiveness probability; default min(1 - (T - R)/(R - S), (R - P)/(T - P))")),
                    FixedStrategies::generousTitForTat),
            entry("grim", "grim trigger (memory-1): cooperate only after mutual cooperation", "", List.of(),
                    v -> dilemma("grim", 1, 1, 0, 0, 0)),
            entry("random", "every action with equal probability", "", List.of(), v -> FixedStrategies::random),
            entry("extort", "Press-Dyson extortionate zero-determinant strategy (chi, phi)",
                    "Press and Dyson 2012, PNAS 109(26)",
                    List.of(new KeyDefinition("chi", KeyType.closedInterval(1, Double.POSITIVE_INFINITY), "3",
                                    "extortion factor: s_X - P = chi (s_Y - P)"),
                            new KeyDefinition("phi", KeyType.leftOpenInterval(0, 1), "0.5",
                                    "phi as a fraction of its largest feasible value, in (0, 1]")),
                    FixedStrategies::extortion),
            entry("probs", "a given table of cooperation probabilities, p=start/CC/CD/DC/DD", "",
                    List.of(new KeyDefinition("p", KeyType.text("probabilities separated by /", text -> text), null,
                            "probability of action 0 per own-view state, start first, separated by /")),
                    v -> (game, agent) -> probabilityTable(v.has("p") ? v.text("p") : null, game.numActions(agent),
                            1 + game.rows() * game.columns()))));

    private FixedStrategies() {
    }

    private static CatalogEntry<StrategyFactory> entry(String name, String description, String citation,
                                                       List<KeyDefinition> keys,
                                                       Function<SpecValues, StrategyFactory> factory) {
        return CatalogEntry.of(name, description, citation, keys, factory);
    }

    /** The catalog of fixed strategies: names, descriptions, citations, keys and factories. */
    public static Catalog<StrategyFactory> catalog() {
        return CATALOG;
    }

    /** The strategy names with a one-line description each, in a fixed order. */
    public static Map<String, String> descriptions() {
        Map<String, String> map = new LinkedHashMap<>();
        for (CatalogEntry<StrategyFactory> e : CATALOG.entries()) {
            map.put(e.name(), e.description());
        }
        return Collections.unmodifiableMap(map);
    }

    /** True if the name (case-insensitive) is a fixed strategy. */
    public static boolean isStrategy(String name) {
        return CATALOG.contains(name);
    }

    /** The strategy names, in catalog order. */
    public static List<String> names() {
        return CATALOG.names();
    }

    /** The strategy with default parameters. */
    public static Memory1Strategy create(String name, MatrixGame game, int agent) {
        return create(name, Map.of(), game, agent);
    }

    /**
     * The named strategy for the given agent of the game.
     *
     * @param name   a catalog name (case-insensitive)
     * @param params key = value parameters (see the class comment); unknown keys are rejected
     * @throws InvalidModelException for an unknown name or key, a bad value, or a game the strategy does not fit
     */
    public static Memory1Strategy create(String name, Map<String, String> params, MatrixGame game, int agent) {
        if (name == null) {
            throw new InvalidModelException("no strategy name; known: " + String.join(", ", names()));
        }
        StringBuilder text = new StringBuilder(name);
        params.forEach((k, v) -> text.append(':').append(k).append('=').append(v));
        try {
            ComponentSpec spec = new ComponentSpec(text.toString(), name.toLowerCase(Locale.ROOT), params);
            return CATALOG.create(spec).create(game, agent);
        } catch (InvalidSpecException e) {
            throw new InvalidModelException(e.getMessage(), e);
        }
    }

    private static Memory1Strategy random(MatrixGame game, int agent) {
        int k = game.numActions(agent);
        double[] table = new double[(1 + game.rows() * game.columns()) * k];
        Arrays.fill(table, 1.0 / k);
        return new Memory1Strategy("random", k, table);
    }

    /** A strategy of a symmetric 2 x 2 dilemma, given by its cooperation probabilities [start, CC, CD, DC, DD]. */
    private static StrategyFactory dilemma(String name, double... cooperation) {
        return (game, agent) -> {
            dilemmaOf(name, game);
            return Memory1Strategy.ofCooperation(name, cooperation);
        };
    }

    private static DilemmaConditions dilemmaOf(String key, MatrixGame game) {
        DilemmaConditions d = game.dilemma();
        if (!d.applicable()) {
            throw new InvalidModelException("strategy '" + key + "' needs a symmetric 2x2 game with action 0 = "
                    + "cooperate; game '" + game.name() + "' is not (use random or probs)");
        }
        return d;
    }

    private static StrategyFactory generousTitForTat(SpecValues values) {
        return (game, agent) -> {
            DilemmaConditions d = dilemmaOf("gtft", game);
            double g;
            if (values.has("g")) {
                g = values.number("g");
            } else {
                requirePrisonersDilemma("gtft", game, d);
                double r = d.reward();
                double s = d.sucker();
                double t = d.temptation();
                double p = d.punishment();
                g = Math.min(1 - (t - r) / (r - s), (r - p) / (t - p));
            }
            return Memory1Strategy.ofCooperation("gtft", 1, 1, g, 1, g);
        };
    }

    private static StrategyFactory extortion(SpecValues values) {
        double chi = values.number("chi");
        double fraction = values.number("phi");
        return (game, agent) -> {
            DilemmaConditions d = dilemmaOf("extort", game);
            requirePrisonersDilemma("extort", game, d);
            double r = d.reward();
            double s = d.sucker();
            double t = d.temptation();
            double p = d.punishment();
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
        };
    }

    private static void requirePrisonersDilemma(String key, MatrixGame game, DilemmaConditions d) {
        if (!d.prisonersDilemma()) {
            throw new InvalidModelException("strategy '" + key + "' is defined for prisoner's dilemmas "
                    + "(T>R>P>S); game '" + game.name() + "' is a " + d.summary());
        }
    }

    private static Memory1Strategy probabilityTable(String spec, int k, int states) {
        if (spec == null) {
            throw new InvalidModelException("strategy 'probs' needs key p, for example probs:p=1/1/0/1/0");
        }
        if (k != 2) {
            throw new InvalidModelException("strategy 'probs' gives one cooperation probability per state and "
                    + "needs a 2-action agent; this agent has " + k + " actions");
        }
        String[] parts = spec.split("/", -1);
        if (parts.length != states) {
            throw new InvalidModelException("strategy 'probs': p=" + spec + " has " + parts.length
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
        double value;
        try {
            value = NumberGrammar.parseFinite(text);
        } catch (NumberFormatException e) {
            throw new InvalidModelException("strategy '" + strategy + "': " + key + " = '" + text
                    + "' is not a finite number");
        }
        if (!(value >= 0 && value <= 1)) {
            throw new InvalidModelException("strategy '" + strategy + "': " + key + " = " + text
                    + " is not a probability in [0, 1]");
        }
        return value;
    }
}
