package dev.opshape.shaping.population;

import java.util.Locale;

/**
 * How a payoff becomes a fitness in a finite population, at intensity of selection w (Nowak 2006, "Evolutionary
 * Dynamics", ch. 6; Traulsen, Shoresh and Nowak 2008, "Analytical results for individual and group selection of any
 * intensity", Bull. Math. Biol. 70):
 * <ul>
 *   <li>{@link #LINEAR}: f = 1 - w + w pi, w in [0, 1]; w = 0 is neutral drift, w = 1 takes the payoff as the
 *       fitness. It needs 1 - w + w pi &gt; 0 for every payoff (checked).</li>
 *   <li>{@link #EXPONENTIAL}: f = exp(w pi), w &gt;= 0: positive for any payoff (the LOLA papers' IPD has only
 *       negative payoffs), and the same as the linear map to first order in w.</li>
 * </ul>
 */
public enum FitnessMap {
    /** f = 1 - w + w pi. */
    LINEAR,
    /** f = exp(w pi). */
    EXPONENTIAL;

    /** The fitness of payoff pi at intensity w. */
    public double fitness(double payoff, double w) {
        return this == LINEAR ? 1 - w + w * payoff : Math.exp(w * payoff);
    }

    /** The lower-case name used on the command line. */
    public String display() {
        return name().toLowerCase(Locale.ROOT);
    }
}
