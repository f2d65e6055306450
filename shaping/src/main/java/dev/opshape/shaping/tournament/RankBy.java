package dev.opshape.shaping.tournament;

import java.util.Locale;

/** The statistic of the per-repetition normalised scores that ranks a tournament's standings. */
public enum RankBy {
    /** The mean over repetitions (with a t interval): opshape's default. */
    MEAN,
    /** The median over repetitions: the Axelrod-Python library's ranking. */
    MEDIAN;

    /** The lower-case name used on the command line and in reports. */
    public String display() {
        return name().toLowerCase(Locale.ROOT);
    }
}
