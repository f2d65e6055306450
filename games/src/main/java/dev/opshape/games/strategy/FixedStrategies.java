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
 * The named fixed memory-1 strategies: the classics, and every strategy of the Axelrod-Python library that is
 * memory-one by definition (its classifier gives memory depth 0 or 1 and its play depends on nothing but the last
 * joint move), each under Axelrod's name as an alias (lower case, spaces as hyphens, for example
 * {@code tit-for-tat}; the class name too where it differs, for example {@code titfortat}). A strategy is its
 * probability of cooperating (action 0) in each own-view state [start, CC, CD, DC, DD] (own action first; Axelrod's
 * four-vector is the last four). Values, with R, S, T, P the game's payoffs:
 * <ul>
 *   <li>{@code allc} [1, 1, 1, 1, 1]; {@code alld} [0, 0, 0, 0, 0]; {@code random} each action with equal
 *       probability (any game), or with key {@code p} cooperation with probability p everywhere (two actions);</li>
 *   <li>{@code tft} tit-for-tat (Rapoport; Axelrod 1980) [1, 1, 0, 1, 0]; {@code stft} suspicious tit-for-tat
 *       [0, 1, 0, 1, 0]; {@code atft} anti-tit-for-tat [1, 0, 1, 0, 1]; {@code bully} (reverse tit-for-tat)
 *       [0, 0, 1, 0, 1];</li>
 *   <li>{@code wsls} win-stay lose-shift, Pavlov (Nowak and Sigmund 1993) [1, 1, 0, 0, 1]; {@code wshls}
 *       win-shift lose-stay [0, 0, 1, 1, 0]; {@code stochastic-wsls} [1, 1 - ep, ep, ep, 1 - ep];</li>
 *   <li>{@code gtft} generous tit-for-tat (Nowak and Sigmund 1992): [1, 1, g, 1, g], by default
 *       g = min(1 - (T - R)/(R - S), (R - P)/(T - P));</li>
 *   <li>{@code grim} grim trigger in its memory-1 form [1, 1, 0, 0, 0] (Axelrod's Grudger remembers a defection for
 *       ever and is not memory-one, so it is not aliased here: the two agree only against opponents that never
 *       return to mutual cooperation after a defection);</li>
 *   <li>{@code joss} (Axelrod 1980) [1, p, 0, p, 0], p = 0.9; {@code soft-joss} [1, 1, 1 - q, 1, 1 - q], q = 0.9;
 *       {@code naive-prober} [1, 1 - p, 0, 1 - p, 0], p = 0.1; {@code burn-both-ends} [1, 0.9, 0, 0.9, 0];
 *       {@code grofman} (Axelrod 1980) [1, 1, 2/7, 2/7, 1]; {@code firm-but-fair} [1, 1, 0, 1, 2/3];
 *       {@code stochastic-cooperator} [1, 0.935, 0.229, 0.266, 0.42]; {@code alternator} [1, 0, 0, 1, 1];
 *       {@code allc-or-alld} [0.6, 1, 1, 0, 0]; {@code desperate} [1/2, 0, 0, 0, 1]; {@code hopeless}
 *       [1/2, 0, 1, 1, 1]; {@code willing} [1/2, 1, 1, 1, 0]; {@code negation} [1/2, 0, 1, 0, 1];
 *       {@code anonymous} [1/2, 1/2, 1/2, 1/2, 1/2] (Axelrod's First by Anonymous draws a new probability in
 *       [0.3, 0.7] each move, which is cooperation with probability 1/2 at every move, independently);
 *       {@code reactive} [1, p, q, p, q] with given p and q;</li>
 *   <li>the linear-relation (zero-determinant) family of {@link ZeroDeterminant#linearRelation}: {@code lr} with
 *       keys phi, s, l, and Axelrod's named members {@code zd-extortion}, {@code zd-extort-2}, {@code zd-extort-2-v2},
 *       {@code zd-extort-3}, {@code zd-extort-4}, {@code zd-gen-2}, {@code zd-gtft-2}, {@code zd-mischief} and
 *       {@code zd-set-2} with their defaults; {@code extort} Press and Dyson's extortionate strategy with keys chi
 *       and phi ({@link ZeroDeterminant#extortion});</li>
 *   <li>{@code probs} a given table: key {@code p} with the probabilities of action 0 per state for two-action
 *       agents, separated by {@code /} (for example {@code probs:p=1/1/0/1/0} is tit-for-tat).</li>
 * </ul>
 * Strategies of Axelrod's library that its classifier calls memory-one but that are not (Random Tit for Tat keeps an
 * internal switch; the FSM and HMM players are general machines) are left out rather than faked. All but
 * {@code random} and {@code probs} need a symmetric 2 x 2 game with action 0 = cooperate; those that read R, S, T, P
 * ({@code gtft} by default, {@code extort}, the linear-relation family) also need a prisoner's dilemma
 * (T &gt; R &gt; P &gt; S) and refuse parameters that give a probability outside [0, 1].
 *
 * <p>Sources: Axelrod 1980 ("Effective choice in the prisoner's dilemma", J. Conflict Resolution 24); Nowak and
 * Sigmund 1992 (Nature 355) and 1993 (Nature 364); Press and Dyson 2012 (PNAS 109(26)); Stewart and Plotkin 2012
 * (PNAS 109(26)); the strategy index of the Axelrod-Python library (Knight et al. 2016, JORS), which cites the
 * origin of each.
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
    private static final String AXELROD = "Axelrod-Python (Knight et al. 2016); ";

    private static final Catalog<StrategyFactory> CATALOG = new Catalog<>("strategy", List.of(
            fixed("allc", List.of("cooperator"), "always cooperate", "", 1, 1, 1, 1, 1),
            fixed("alld", List.of("defector"), "always defect", "", 0, 0, 0, 0, 0),
            fixed("tft", List.of("tit-for-tat", "titfortat"), "tit-for-tat: cooperate first, then copy the other's "
                    + "last move", "Rapoport; Axelrod 1980", 1, 1, 0, 1, 0),
            fixed("wsls", List.of("win-stay-lose-shift", "winstayloseshift", "pavlov"),
                    "win-stay lose-shift (Pavlov): cooperate after CC and DD", "Nowak and Sigmund 1993, Nature 364",
                    1, 1, 0, 0, 1),
            entry("gtft", List.of(), "generous tit-for-tat: forgive a defection with probability g",
                    "Nowak and Sigmund 1992, Nature 355",
                    List.of(new KeyDefinition("g", PROBABILITY, null,
                            "forgiveness probability; default min(1 - (T - R)/(R - S), (R - P)/(T - P))")),
                    FixedStrategies::generousTitForTat),
            fixed("grim", List.of(), "grim trigger (memory-1): cooperate only after mutual cooperation", "",
                    1, 1, 0, 0, 0),
            entry("random", List.of(), "every action with equal probability, or cooperate with probability p",
                    "Axelrod 1980 (Random)",
                    List.of(new KeyDefinition("p", PROBABILITY, null,
                            "probability of action 0 at every move (two-action agents); default: uniform")),
                    FixedStrategies::random),
            fixed("stft", List.of("suspicious-tit-for-tat", "suspicioustitfortat", "mistrust"),
                    "suspicious tit-for-tat: defect first, then copy the other's last move",
                    AXELROD + "Hilbe et al. 2013", 0, 1, 0, 1, 0),
            fixed("atft", List.of("anti-tit-for-tat", "antititfortat", "psycho"),
                    "anti-tit-for-tat: cooperate first, then do the opposite of the other's last move",
                    AXELROD + "Hilbe et al. 2013", 1, 0, 1, 0, 1),
            fixed("bully", List.of("reverse-tit-for-tat"),
                    "bully: defect first, then do the opposite of the other's last move", AXELROD + "Nachbar 1992",
                    0, 0, 1, 0, 1),
            fixed("wshls", List.of("win-shift-lose-stay", "winshiftlosestay"),
                    "win-shift lose-stay: defect first, then cooperate after CD and DC", AXELROD + "Li et al. 2011",
                    0, 0, 1, 1, 0),
            entry("stochastic-wsls", List.of("stochasticwsls"), "win-stay lose-shift that errs with probability ep",
                    AXELROD + "Stewart and Plotkin 2012",
                    List.of(new KeyDefinition("ep", PROBABILITY, "0.05", "error probability")),
                    v -> dilemma("stochastic-wsls", 1, 1 - v.number("ep"), v.number("ep"), v.number("ep"),
                            1 - v.number("ep"))),
            entry("joss", List.of("first-by-joss", "firstbyjoss", "hard-joss"),
                    "Joss: tit-for-tat that cooperates only with probability p after a cooperation",
                    "Axelrod 1980 (first tournament, 12th)",
                    List.of(new KeyDefinition("p", PROBABILITY, "0.9", "probability of cooperating after the other "
                            + "cooperated")),
                    v -> dilemma("joss", 1, v.number("p"), 0, v.number("p"), 0)),
            entry("soft-joss", List.of("softjoss"), "soft Joss: cooperates after a cooperation, and with probability "
                    + "1 - q after a defection", AXELROD + "Prison 1998",
                    List.of(new KeyDefinition("q", PROBABILITY, "0.9", "probability of defecting after the other "
                            + "defected")),
                    v -> dilemma("soft-joss", 1, 1, 1 - v.number("q"), 1, 1 - v.number("q"))),
            entry("naive-prober", List.of("naiveprober"), "naive prober: tit-for-tat that defects with probability p "
                    + "after a cooperation", AXELROD + "Li et al. 2011",
                    List.of(new KeyDefinition("p", PROBABILITY, "0.1", "probability of a probing defection")),
                    v -> dilemma("naive-prober", 1, 1 - v.number("p"), 0, 1 - v.number("p"), 0)),
            fixed("burn-both-ends", List.of("burnbothends", "bbe"), "burn both ends: tit-for-tat that cooperates "
                    + "only with probability 0.9 after a cooperation", AXELROD + "Marinoff 1992", 1, 0.9, 0, 0.9, 0),
            fixed("grofman", List.of("first-by-grofman", "firstbygrofman"), "Grofman: cooperates after equal moves, "
                    + "with probability 2/7 after different ones", "Axelrod 1980 (first tournament, 4th)",
                    1, 1, 2.0 / 7, 2.0 / 7, 1),
            fixed("firm-but-fair", List.of("firmbutfair"), "firm but fair: cooperates except after being exploited, "
                    + "with probability 2/3 after mutual defection", AXELROD + "Frean 1994", 1, 1, 0, 1, 2.0 / 3),
            fixed("stochastic-cooperator", List.of("stochasticcooperator"), "the stochastic cooperator of Adami and "
                    + "Hintze's evolved strategies", AXELROD + "Adami and Hintze 2013", 1, 0.935, 0.229, 0.266, 0.42),
            fixed("alternator", List.of(), "alternator: cooperate first, then the opposite of its own last move",
                    "Axelrod 1984", 1, 0, 0, 1, 1),
            fixed("allc-or-alld", List.of("allcoralld"), "cooperates first with probability 0.6, then repeats its own "
                    + "last move", AXELROD + "Akin 2015", 0.6, 1, 1, 0, 0),
            fixed("desperate", List.of(), "random first move, then cooperate only after mutual defection",
                    AXELROD + "van den Berg and Weissing 2015", 0.5, 0, 0, 0, 1),
            fixed("hopeless", List.of(), "random first move, then defect only after mutual cooperation",
                    AXELROD + "van den Berg and Weissing 2015", 0.5, 0, 1, 1, 1),
            fixed("willing", List.of(), "random first move, then defect only after mutual defection",
                    AXELROD + "van den Berg and Weissing 2015", 0.5, 1, 1, 1, 0),
            fixed("negation", List.of(), "random first move, then the opposite of the other's last move",
                    AXELROD + "PD 2017", 0.5, 0, 1, 0, 1),
            fixed("anonymous", List.of("first-by-anonymous", "firstbyanonymous"), "cooperates with probability 1/2 "
                    + "at every move (First by Anonymous, in distribution)", "Axelrod 1980 (first tournament)",
                    0.5, 0.5, 0.5, 0.5, 0.5),
            entry("reactive", List.of("reactive-player", "reactiveplayer"), "reactive: cooperate first, then with "
                    + "probability p after the other's cooperation and q after its defection",
                    AXELROD + "Nowak and Sigmund 1990",
                    List.of(new KeyDefinition("p", PROBABILITY, null, "P(C) after the other cooperated"),
                            new KeyDefinition("q", PROBABILITY, null, "P(C) after the other defected")),
                    FixedStrategies::reactive),
            ZeroDeterminant.linearRelationEntry("lr", List.of("linear-relation", "linearrelation", "lrplayer"),
                    "linear-relation (zero-determinant) strategy with parameters phi, s, l",
                    0.2, 0.1, ZeroDeterminant.Level.given(1)),
            ZeroDeterminant.linearRelationEntry("zd-extortion", List.of("zdextortion"),
                    "zero-determinant extortion (phi 0.2, s 0.1, l 1)", 0.2, 0.1, ZeroDeterminant.Level.given(1)),
            ZeroDeterminant.linearRelationEntry("zd-extort-2", List.of("zdextort2"),
                    "zero-determinant extortion, chi 2 (phi 1/9, s 1/2, l P)", 1.0 / 9, 0.5,
                    ZeroDeterminant.Level.PUNISHMENT),
            ZeroDeterminant.linearRelationEntry("zd-extort-2-v2", List.of("zdextort2v2"),
                    "zero-determinant extortion, chi 2 (phi 1/8, s 1/2, l 1)", 1.0 / 8, 0.5,
                    ZeroDeterminant.Level.given(1)),
            ZeroDeterminant.linearRelationEntry("zd-extort-3", List.of("zd-extort3", "zdextort3"),
                    "zero-determinant extortion, chi 3 (phi 3/26, s 1/3, l 1)", 3.0 / 26, 1.0 / 3,
                    ZeroDeterminant.Level.given(1)),
            ZeroDeterminant.linearRelationEntry("zd-extort-4", List.of("zdextort4"),
                    "zero-determinant extortion, chi 4 (phi 4/17, s 1/4, l 1)", 4.0 / 17, 0.25,
                    ZeroDeterminant.Level.given(1)),
            ZeroDeterminant.linearRelationEntry("zd-gen-2", List.of("zdgen2"),
                    "zero-determinant generous strategy (phi 1/8, s 1/2, l 3)", 1.0 / 8, 0.5,
                    ZeroDeterminant.Level.given(3)),
            ZeroDeterminant.linearRelationEntry("zd-gtft-2", List.of("zdgtft2"),
                    "zero-determinant generous tit-for-tat (phi 1/4, s 1/2, l R)", 0.25, 0.5,
                    ZeroDeterminant.Level.REWARD),
            ZeroDeterminant.linearRelationEntry("zd-mischief", List.of("zdmischief"),
                    "zero-determinant mischief (phi 0.1, s 0, l 1)", 0.1, 0.0, ZeroDeterminant.Level.given(1)),
            ZeroDeterminant.linearRelationEntry("zd-set-2", List.of("zdset2"),
                    "zero-determinant score setter (phi 1/4, s 0, l 2)", 0.25, 0.0, ZeroDeterminant.Level.given(2)),
            entry("extort", List.of(), "Press-Dyson extortionate zero-determinant strategy (chi, phi)",
                    "Press and Dyson 2012, PNAS 109(26)",
                    List.of(new KeyDefinition("chi", KeyType.closedInterval(1, Double.POSITIVE_INFINITY), "3",
                                    "extortion factor: s_X - P = chi (s_Y - P)"),
                            new KeyDefinition("phi", KeyType.leftOpenInterval(0, 1), "0.5",
                                    "phi as a fraction of its largest feasible value, in (0, 1]")),
                    ZeroDeterminant::extortion),
            entry("probs", List.of("memory-one", "memoryone"),
                    "a given table of cooperation probabilities, p=start/CC/CD/DC/DD", "",
                    List.of(new KeyDefinition("p", KeyType.text("probabilities separated by /", text -> text), null,
                            "probability of action 0 per own-view state, start first, separated by /")),
                    v -> (game, agent) -> probabilityTable(v.has("p") ? v.text("p") : null, game.numActions(agent),
                            1 + game.rows() * game.columns()))));

    private FixedStrategies() {
    }

    static CatalogEntry<StrategyFactory> entry(String name, List<String> aliases, String description,
                                                String citation, List<KeyDefinition> keys,
                                                Function<SpecValues, StrategyFactory> factory) {
        return new CatalogEntry<>(name, aliases, description, citation, keys, factory);
    }

    /** A strategy without keys, given by its cooperation probabilities [start, CC, CD, DC, DD]. */
    private static CatalogEntry<StrategyFactory> fixed(String name, List<String> aliases, String description,
                                                       String citation, double... cooperation) {
        return entry(name, aliases, description, citation, List.of(), v -> dilemma(name, cooperation));
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

    private static StrategyFactory random(SpecValues values) {
        if (values.has("p")) {
            double p = values.number("p");
            return (game, agent) -> {
                int k = game.numActions(agent);
                if (k != 2) {
                    throw new InvalidModelException("strategy 'random': key p is the probability of action 0 of a "
                            + "2-action agent; this agent has " + k + " actions (leave p out for uniform play)");
                }
                double[] pc = new double[1 + game.rows() * game.columns()];
                Arrays.fill(pc, p);
                return Memory1Strategy.ofCooperation("random", pc);
            };
        }
        return (game, agent) -> {
            int k = game.numActions(agent);
            double[] table = new double[(1 + game.rows() * game.columns()) * k];
            Arrays.fill(table, 1.0 / k);
            return new Memory1Strategy("random", k, table);
        };
    }

    private static StrategyFactory reactive(SpecValues values) {
        if (!values.has("p") || !values.has("q")) {
            throw new InvalidSpecException(values.kind() + " '" + values.spec().text() + "': key "
                    + (values.has("p") ? "q" : "p") + " is needed; reactive takes p and q, for example "
                    + "reactive:p=1:q=0.3");
        }
        double p = values.number("p");
        double q = values.number("q");
        return dilemma("reactive", 1, p, q, p, q);
    }

    /** A strategy of a symmetric 2 x 2 dilemma, given by its cooperation probabilities [start, CC, CD, DC, DD]. */
    static StrategyFactory dilemma(String name, double... cooperation) {
        return (game, agent) -> {
            dilemmaOf(name, game);
            return Memory1Strategy.ofCooperation(name, cooperation);
        };
    }

    static DilemmaConditions dilemmaOf(String key, MatrixGame game) {
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

    static void requirePrisonersDilemma(String key, MatrixGame game, DilemmaConditions d) {
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
