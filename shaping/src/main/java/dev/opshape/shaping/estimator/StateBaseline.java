package dev.opshape.shaping.estimator;

/** A state baseline b: the expected discounted reward of an agent from a state on, as the estimators use it. */
interface StateBaseline {

    /**
     * @param agent     0 or 1
     * @param row       the state before the move: 0 = start, 1 + j = after joint outcome j (agent 1's own view)
     * @param movesLeft number of moves still to be played, including this one
     */
    double value(int agent, int row, int movesLeft);
}
