package dev.opshape.games.strategy;

import dev.opshape.games.DilemmaConditions;
import dev.opshape.games.strategy.FixedStrategies.StrategyFactory;
import dev.opshape.tabular.InvalidModelException;
import dev.opshape.tabular.catalog.CatalogEntry;
import dev.opshape.tabular.catalog.KeyDefinition;
import dev.opshape.tabular.catalog.KeyType;
import dev.opshape.tabular.catalog.NumberGrammar;
import dev.opshape.tabular.catalog.SpecValues;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Zero-determinant memory-one strategies of the prisoner's dilemma (Press and Dyson 2012, PNAS 109(26)): strategies
 * that enforce a linear relation between the two players' long-run payoffs, whatever the other does.
 *
 * <p>The linear-relation form (Stewart and Plotkin 2012; the parameterisation of the Axelrod-Python library's
 * {@code LRPlayer}): with slope s, level l and scale phi, the probabilities of cooperating after CC, CD, DC, DD are
 * <pre>
 *   p1 = 1 - phi (1 - s)(R - l),   p2 = 1 - phi (s (l - S) + (T - l)),
 *   p3 = phi ((l - S) + s (T - l)),   p4 = phi (1 - s)(l - P),
 * </pre>
 * which enforces s_Y - l = s (s_X - l) between the other's payoff s_Y and its own s_X; each strategy opens with C.
 * Parameters that put a probability outside [0, 1] are refused with the values.
 */
final class ZeroDeterminant {

    /** Where the level l of a linear-relation strategy comes from: a number, or the game's P or R. */
    record Level(String name, double value) {
        static final Level PUNISHMENT = new Level("P", Double.NaN);
        static final Level REWARD = new Level("R", Double.NaN);

        static Level given(double value) {
            return new Level(null, value);
        }

        double of(DilemmaConditions d) {
            if (name == null) {
                return value;
            }
            return name.equals("P") ? d.punishment() : d.reward();
        }

        String defaultText() {
            return name != null ? name : Double.toString(value);
        }
    }

    private ZeroDeterminant() {
    }

    /**
     * A catalog entry of the linear-relation family, with keys phi, s and l defaulting to the given values (l may
     * also be given as P or R, the game's punishment or reward).
     */
    static CatalogEntry<StrategyFactory> linearRelationEntry(String name, List<String> aliases, String description,
                                                            double phi, double s, Level level) {
        KeyType levelType = KeyType.text("a finite number, P or R", text -> {
            String t = text.trim().toUpperCase(Locale.ROOT);
            if (!t.equals("P") && !t.equals("R")) {
                NumberGrammar.parseFinite(text);
            }
            return text;
        });
        return FixedStrategies.entry(name, aliases, description, "Press and Dyson 2012; Stewart and Plotkin 2012; "
                        + "Axelrod-Python (Knight et al. 2016)",
                List.of(new KeyDefinition("phi", KeyType.closedInterval(0, Double.POSITIVE_INFINITY),
                                Double.toString(phi), "scale phi"),
                        new KeyDefinition("s", KeyType.finite(), Double.toString(s), "slope s"),
                        new KeyDefinition("l", levelType, level.defaultText(), "level l (a number, P or R)")),
                v -> linearRelation(name, v));
    }

    private static StrategyFactory linearRelation(String name, SpecValues v) {
        double phi = v.number("phi");
        double s = v.number("s");
        String levelText = v.text("l").trim().toUpperCase(Locale.ROOT);
        Level level = levelText.equals("P") ? Level.PUNISHMENT : levelText.equals("R") ? Level.REWARD
                : Level.given(NumberGrammar.parseFinite(v.text("l")));
        return (game, agent) -> {
            DilemmaConditions d = FixedStrategies.dilemmaOf(name, game);
            FixedStrategies.requirePrisonersDilemma(name, game, d);
            double[] p = linearRelation(d, phi, s, level.of(d));
            for (double x : p) {
                if (!(x >= 0 && x <= 1)) {
                    throw new InvalidModelException("strategy '" + name + "': phi = " + phi + ", s = " + s + ", l = "
                            + level.of(d) + " give the four-vector " + Arrays.toString(p) + " on game '"
                            + game.name() + "' (R, S, T, P = " + d.reward() + ", " + d.sucker() + ", "
                            + d.temptation() + ", " + d.punishment() + "); every entry must be in [0, 1]");
                }
            }
            return Memory1Strategy.ofCooperation(name, 1, p[0], p[1], p[2], p[3]);
        };
    }

    /** The four-vector [p1, p2, p3, p4] (after CC, CD, DC, DD) of the linear relation (phi, s, l). */
    static double[] linearRelation(DilemmaConditions d, double phi, double s, double l) {
        double r = d.reward();
        double sucker = d.sucker();
        double t = d.temptation();
        double p = d.punishment();
        return new double[] {
            1 - phi * (1 - s) * (r - l),
            1 - phi * (s * (l - sucker) + (t - l)),
            phi * ((l - sucker) + s * (t - l)),
            phi * (1 - s) * (l - p)};
    }

    /**
     * Press and Dyson's extortionate strategy, which enforces s_X - P = chi (s_Y - P): [1, 1 - phi (chi - 1)(R - P),
     * 1 - phi ((P - S) + chi (T - P)), phi ((T - P) + chi (P - S)), 0], with phi given as a fraction of its largest
     * feasible value; with R, S, T, P = 3, 0, 5, 1 and chi = 3 this gives their (11/13, 1/2, 7/26, 0).
     */
    static StrategyFactory extortion(SpecValues values) {
        double chi = values.number("chi");
        double fraction = values.number("phi");
        return (game, agent) -> {
            DilemmaConditions d = FixedStrategies.dilemmaOf("extort", game);
            FixedStrategies.requirePrisonersDilemma("extort", game, d);
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
}
