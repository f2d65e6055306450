package dev.opshape.shaping.tournament;

import dev.opshape.shaping.training.TrainingCurve;
import dev.opshape.shaping.analysis.PolicyOutcome;

/**
 * The result of one run of a tournament: repetition r of a pairing, after N simultaneous updates. Streamed to a
 * {@link TournamentListener} as soon as it and every run before it in streaming order are done.
 *
 * @param sequence   position in streaming order, 0 .. runs - 1: repetition-major, r * pairings + pairing index, so
 *                   that each repetition completes a full round robin before the next begins
 * @param pairing    the pairing
 * @param repetition repetition r (0-based); the key of the starting logits
 * @param run        run index pairing * R + r, the key of the learners' random streams
 * @param theta1     player 1's final logits
 * @param theta2     player 2's final logits
 * @param outcome    the exact outcome of the final policies: average rewards per move, frequencies of action 0
 *                   (cooperation in dilemma games), per-state policies and the outcome label
 * @param curve      the exact outcome after every update (null unless the tournament records curves)
 */
public record RunOutcome(int sequence, Pairing pairing, int repetition, int run, double[] theta1, double[] theta2,
                         PolicyOutcome outcome, TrainingCurve curve) {

    /** An outcome without a curve. */
    public RunOutcome(int sequence, Pairing pairing, int repetition, int run, double[] theta1, double[] theta2,
                      PolicyOutcome outcome) {
        this(sequence, pairing, repetition, run, theta1, theta2, outcome, null);
    }

    /** Player 1's (role 0) or player 2's (role 1) average reward per move. */
    public double avgReward(int role) {
        return outcome.avgReward(role);
    }
}
