package dev.opshape.shaping.analysis;

/**
 * A label for the joint outcome of two memory-1 policies, decided by {@link OutcomeClassifier}.
 */
public enum OutcomeLabel {
    /** Mutual cooperation held by reciprocity: both agents retaliate when exploited, as tit-for-tat does. */
    TFT_LIKE("tft-like"),
    /** Mutual cooperation held by win-stay lose-shift on both sides. */
    WSLS_LIKE("wsls-like"),
    /** Mutual cooperation in which at least one agent keeps cooperating when exploited. */
    MUTUAL_COOPERATION("mutual-cooperation"),
    /** Both defect almost always. */
    MUTUAL_DEFECTION("mutual-defection"),
    /** One cooperates while the other defects almost always. */
    EXPLOITATION("exploitation"),
    /** Both play the stage game's mixed equilibrium in every state (constant-sum games such as matching pennies). */
    MIXED_EQUILIBRIUM("mixed-equilibrium"),
    /** None of the above (or a game the rules do not cover). */
    OTHER("other");

    private final String display;

    OutcomeLabel(String display) {
        this.display = display;
    }

    /** The label as printed and written to JSON/CSV, for example {@code tft-like}. */
    public String display() {
        return display;
    }

    @Override
    public String toString() {
        return display;
    }
}
