package dev.opshape.shaping.tournament;

import dev.opshape.shaping.analysis.OutcomeLabel;
import dev.opshape.shaping.statistics.MeanEstimate;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Folds the runs of a tournament, in streaming order, into standings, the payoff matrix and pairing summaries.
 * Floating-point sums depend on their order, so runs must arrive in sequence order (it is checked): that, not the
 * order in which threads finish, makes results independent of the number of threads.
 *
 * <p>Streaming order is repetition-major, so one repetition's n x n payoff sums are complete when its last pairing
 * arrives; they are folded into running statistics and cleared. Memory is O(n^2 + pairings), whatever R.
 */
final class TournamentTally {

    private static final OutcomeLabel[] LABELS = OutcomeLabel.values();
    /** The payoff of a standing before {@link Ranking#apply} computes it. */
    private static final MeanEstimate UNRANKED = new MeanEstimate(Double.NaN, Double.NaN, Double.NaN, 0);

    private final TournamentConfig config;
    private final List<Pairing> pairings;
    private final int n;
    private int expected;

    /** The current repetition's sums and counts of agent i's payoff and cooperation against j. */
    private final double[][] payoffSum;
    private final double[][] coopSum;
    private final int[][] meetings;

    /** Over repetitions: per-agent cooperation, per-cell payoffs. */
    private final SummaryStatistics[] cooperation;
    private final SummaryStatistics[][] cell;
    private final int[][] agentLabels;
    private final int[] agentRuns;
    private final AnalysisTally analysis;

    /** Per pairing and role: rewards and cooperation over repetitions; per pairing: labels. */
    private final SummaryStatistics[][] pairingReward;
    private final SummaryStatistics[][] pairingCoop;
    private final int[][] pairingLabels;

    TournamentTally(TournamentConfig config) {
        this.config = config;
        this.pairings = config.pairings();
        this.n = config.roster().size();
        this.payoffSum = new double[n][n];
        this.coopSum = new double[n][n];
        this.meetings = new int[n][n];
        this.cooperation = statistics(n);
        this.cell = new SummaryStatistics[n][];
        for (int i = 0; i < n; i++) {
            cell[i] = statistics(n);
        }
        this.agentLabels = new int[n][LABELS.length];
        this.agentRuns = new int[n];
        int p = pairings.size();
        this.pairingReward = new SummaryStatistics[p][];
        this.pairingCoop = new SummaryStatistics[p][];
        for (int k = 0; k < p; k++) {
            pairingReward[k] = statistics(2);
            pairingCoop[k] = statistics(2);
        }
        this.pairingLabels = new int[p][LABELS.length];
        this.analysis = new AnalysisTally(config);
    }

    private static SummaryStatistics[] statistics(int count) {
        SummaryStatistics[] s = new SummaryStatistics[count];
        for (int i = 0; i < count; i++) {
            s[i] = new SummaryStatistics();
        }
        return s;
    }

    /** Adds the next run in streaming order. */
    void add(RunOutcome run) {
        if (run.sequence() != expected) {
            throw new IllegalStateException("run " + run.sequence() + " arrived where run " + expected
                    + " was expected; runs must be added in streaming order");
        }
        expected++;
        Pairing p = run.pairing();
        for (int role = 0; role < 2; role++) {
            int self = p.player(role);
            int other = p.player(1 - role);
            payoffSum[self][other] += run.outcome().avgReward(role);
            coopSum[self][other] += run.outcome().pCoop(role);
            meetings[self][other]++;
            pairingReward[p.index()][role].addValue(run.outcome().avgReward(role));
            pairingCoop[p.index()][role].addValue(run.outcome().pCoop(role));
        }
        int label = run.outcome().label().ordinal();
        pairingLabels[p.index()][label]++;
        agentLabels[p.player1()][label]++;
        agentRuns[p.player1()]++;
        if (!p.selfPlay()) {
            agentLabels[p.player2()][label]++;
            agentRuns[p.player2()]++;
        }
        analysis.add(run);
        if (p.index() == pairings.size() - 1) {
            closeRepetition();
        }
    }

    /** Folds the finished repetition's matrix P_r into the statistics over repetitions. */
    private void closeRepetition() {
        for (int i = 0; i < n; i++) {
            double coopRowSum = 0;
            for (int j = 0; j < n; j++) {
                double payoff = payoffSum[i][j] / meetings[i][j];
                cell[i][j].addValue(payoff);
                coopRowSum += coopSum[i][j] / meetings[i][j];
                payoffSum[i][j] = 0;
                coopSum[i][j] = 0;
                meetings[i][j] = 0;
            }
            cooperation[i].addValue(coopRowSum / n);
        }
    }

    /** The result; every run must have been added. */
    TournamentResult result() {
        if (expected != config.runs()) {
            throw new IllegalStateException(expected + " of " + config.runs() + " runs added");
        }
        double[][] mean = new double[n][n];
        double[][] sd = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                mean[i][j] = cell[i][j].getMean();
                sd[i][j] = config.repetitions() > 1 ? cell[i][j].getStandardDeviation() : Double.NaN;
            }
        }
        List<String> names = config.names();
        PayoffMatrix matrix = new PayoffMatrix(names, mean, sd);

        List<Standing> base = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int wins = 0;
            for (int j = 0; j < n; j++) {
                if (j != i && ExactComparison.exceeds(mean[i][j], mean[j][i])) {
                    wins++;
                }
            }
            // The payoff, median and match wins are filled by the ranking, from the analysis's per-repetition scores.
            base.add(new Standing(0, i, names.get(i), UNRANKED, Double.NaN, wins, 0,
                    cooperation[i].getMean(), labelMap(agentLabels[i]), agentRuns[i]));
        }
        TournamentAnalysis analyses = analysis.result();
        List<Standing> standings = Ranking.DEFAULT.apply(analyses, base);

        List<PairingOutcome> pairingOutcomes = new ArrayList<>(pairings.size());
        for (Pairing p : pairings) {
            int k = p.index();
            pairingOutcomes.add(new PairingOutcome(p, MeanEstimate.of(pairingReward[k][0]),
                    MeanEstimate.of(pairingReward[k][1]), pairingCoop[k][0].getMean(), pairingCoop[k][1].getMean(),
                    labelMap(pairingLabels[k])));
        }
        return new TournamentResult(config, standings, matrix, pairingOutcomes, analyses);
    }

    private static Map<OutcomeLabel, Integer> labelMap(int[] counts) {
        Map<OutcomeLabel, Integer> map = new EnumMap<>(OutcomeLabel.class);
        for (OutcomeLabel label : LABELS) {
            map.put(label, counts[label.ordinal()]);
        }
        return map;
    }
}
