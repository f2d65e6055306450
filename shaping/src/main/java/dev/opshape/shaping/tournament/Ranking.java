package dev.opshape.shaping.tournament;

import dev.opshape.shaping.statistics.MeanEstimate;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How standings are ranked: by the mean or the median over repetitions of each agent's normalised score, with its
 * self-play match counted or not (see {@link TournamentAnalysis}). The default, the mean with self-play, suits
 * learners: a population of LOLA agents meets itself, and the mean carries a t interval over repetitions.
 * Axelrod's tournaments rank by the median without self-play: {@code new Ranking(RankBy.MEDIAN, false)}.
 *
 * @param by       the statistic that ranks
 * @param selfPlay whether the self-play match counts in the score and the cooperation
 */
public record Ranking(RankBy by, boolean selfPlay) {

    /** The mean with self-play. */
    public static final Ranking DEFAULT = new Ranking(RankBy.MEAN, true);

    /**
     * The standings ranked this way: every agent's payoff (the mean over repetitions of its normalised score, with
     * its interval), median and cooperation (with self-play, as in the base standings; without, Axelrod's
     * cooperating rating) follow this ranking's self-play choice; wins, match wins, labels and runs are kept.
     * Ties on the statistic (equal to 9 significant digits: exact values of equal strategies differ only by
     * rounding) are broken by name, then roster order, so ranks are distinct and deterministic.
     *
     * @param analysis the tournament's analysis
     * @param base     one standing per agent, in any order
     */
    public List<Standing> apply(TournamentAnalysis analysis, List<Standing> base) {
        double[] cooperatingRating = analysis.cooperatingRating();
        List<Standing> unranked = new ArrayList<>();
        for (Standing s : base) {
            double[] values = analysis.normalisedScores(s.agent(), selfPlay);
            SummaryStatistics stats = new SummaryStatistics();
            for (double v : values) {
                stats.addValue(v);
            }
            MeanEstimate payoff = Double.isNaN(stats.getMean()) ? new MeanEstimate(Double.NaN, Double.NaN,
                    Double.NaN, values.length) : MeanEstimate.of(stats);
            unranked.add(new Standing(0, s.agent(), s.name(), payoff, median(values), s.wins(),
                    analysis.totalWins(s.agent()), selfPlay ? s.cooperation() : cooperatingRating[s.agent()],
                    s.labels(), s.runs()));
        }
        // Statistics equal to rounding tie (see ExactComparison) and fall through to the name.
        Comparator<Standing> order = Comparator.comparingDouble((Standing s) -> ExactComparison.rankingKey(
                statistic(s))).reversed()
                .thenComparing(Standing::name).thenComparingInt(Standing::agent);
        unranked.sort(order);
        List<Standing> ranked = new ArrayList<>(unranked.size());
        for (int rank = 0; rank < unranked.size(); rank++) {
            Standing s = unranked.get(rank);
            ranked.add(new Standing(rank + 1, s.agent(), s.name(), s.payoff(), s.median(), s.wins(), s.matchWins(),
                    s.cooperation(), s.labels(), s.runs()));
        }
        return ranked;
    }

    private double statistic(Standing s) {
        return by == RankBy.MEAN ? s.payoff().mean() : s.median();
    }

    /** The median (the mean of the two middle values for an even count), as numpy's median. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
