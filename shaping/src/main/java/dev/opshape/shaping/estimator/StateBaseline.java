package dev.opshape.shaping.estimator;

/** A state baseline b: the expected discounted reward of a player from a state on, as the estimators use it. */
interface StateBaseline {

    /**
     * @param player    the player
     * @param state     the model's state before the move
     * @param movesLeft number of moves still to be played, including this one
     */
    double value(int player, int state, int movesLeft);
}
