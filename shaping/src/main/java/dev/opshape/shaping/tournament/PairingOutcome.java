package dev.opshape.shaping.tournament;

import dev.opshape.shaping.analysis.OutcomeLabel;
import dev.opshape.shaping.statistics.MeanEstimate;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The summary of one pairing over its repetitions, by role (player 1, player 2).
 *
 * @param pairing the pairing
 * @param reward1 player 1's average reward per move over repetitions, with its 95% interval
 * @param reward2 player 2's, likewise
 * @param pCoop1  player 1's mean frequency of action 0
 * @param pCoop2  player 2's mean frequency of action 0
 * @param labels  repetitions per outcome label, every label present, in the label enum's order
 */
public record PairingOutcome(Pairing pairing, MeanEstimate reward1, MeanEstimate reward2, double pCoop1,
                             double pCoop2, Map<OutcomeLabel, Integer> labels) {

    /** Copies the label counts. */
    public PairingOutcome {
        labels = Collections.unmodifiableMap(new EnumMap<>(labels));
    }

    /** Player 1's (role 0) or player 2's (role 1) reward estimate. */
    public MeanEstimate reward(int role) {
        return role == 0 ? reward1 : reward2;
    }
}
