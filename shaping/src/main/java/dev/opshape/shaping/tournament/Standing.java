package dev.opshape.shaping.tournament;

import dev.opshape.shaping.analysis.OutcomeLabel;
import dev.opshape.shaping.statistics.MeanEstimate;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One entrant's line of the standings.
 *
 * <p>Definitions, with P_r[i][j] agent i's average reward per move against j in repetition r (see
 * {@link PayoffMatrix}; self-play included, j = i):
 * <ul>
 *   <li><b>payoff</b>: the per-repetition score s_r = (1/n) sum_j P_r[i][j], each opponent, itself included,
 *       weighted equally; its mean over the R repetitions and a 95% confidence interval from those R values
 *       (Student t, R - 1 degrees of freedom; NaN for R = 1). The repetitions are independent because each
 *       starts from its own seeded logits; the pairings within one repetition share their start, which is why the
 *       interval is taken over repetitions and not over runs.</li>
 *   <li><b>rank</b>: 1 for the highest mean payoff (or median, or without self-play: see {@link Ranking}); equal
 *       values are ordered by display name, then roster order, so ranks are distinct and deterministic.</li>
 *   <li><b>median</b>: the median of the R per-repetition scores.</li>
 *   <li><b>wins</b>: the number of other entrants j (self excluded) with mean P[i][j] &gt; mean P[j][i], that is
 *       against which this entrant's mean payoff is higher than the opponent's; equality (to a relative 1e-9, so that
 *       rounding cannot decide) is no win.</li>
 *   <li><b>match wins</b>: Axelrod's count, the matches won (expected score strictly higher than the opponent's)
 *       over every repetition, self-play excluded (see {@link TournamentAnalysis}).</li>
 *   <li><b>cooperation</b>: its frequency of action 0 (cooperate, in dilemma games), defined like the payoff:
 *       the mean over repetitions of (1/n) sum_j of its frequency against j.</li>
 *   <li><b>labels</b>: how many of the runs it took part in ended with each outcome label (a self-play run counts
 *       once).</li>
 * </ul>
 *
 * @param rank        1-based rank
 * @param agent       roster index
 * @param name        display name
 * @param payoff      mean payoff over opponents and repetitions with its 95% interval
 * @param median      median over repetitions of the per-repetition payoff
 * @param wins        opponents beaten on mean payoff
 * @param matchWins   matches won over every repetition (Axelrod's wins)
 * @param cooperation mean frequency of action 0
 * @param labels      runs per outcome label, every label present (zero counts included), in the label enum's order
 * @param runs        number of runs it took part in
 */
public record Standing(int rank, int agent, String name, MeanEstimate payoff, double median, int wins,
                       int matchWins, double cooperation, Map<OutcomeLabel, Integer> labels, int runs) {

    /** Copies the label counts. */
    public Standing {
        labels = Collections.unmodifiableMap(new EnumMap<>(labels));
    }

    /** Runs with the given outcome label. */
    public int count(OutcomeLabel label) {
        return labels.getOrDefault(label, 0);
    }
}
