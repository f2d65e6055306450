package dev.opshape.shaping.tournament;

import dev.opshape.shaping.statistics.PowerIteration;

import java.util.List;

/**
 * The analyses of the Axelrod-Python library's {@code ResultSet}, computed from exact match outcomes instead of
 * sampled ones. With R repetitions, n agents and, in repetition r, agent i's average reward per move P_r[i][j],
 * expected total payoff V_r[i][j] (the value: the expected score of a match of T moves, or of random length when
 * gamma is the continuation probability) and frequency of cooperation C_r[i][j] against j (averaged over the runs
 * where they meet):
 * <ul>
 *   <li><b>normalised score</b> of i in repetition r: mean over j != i of P_r[i][j] (Axelrod's
 *       {@code normalised_scores}); with self-play, mean over every j, itself included;</li>
 *   <li><b>score</b>: sum over j != i of V_r[i][j] (Axelrod's {@code scores});</li>
 *   <li><b>wins</b>: the number of j != i with V_r[i][j] &gt; V_r[j][i] (by more than rounding: see
 *       {@link ExactComparison}), matches won on expected score (Axelrod's
 *       {@code wins} counts matches won on realised score, the same thing for deterministic pairs);</li>
 *   <li><b>score difference</b>: the mean over r of P_r[i][j] - P_r[j][i] (Axelrod's
 *       {@code payoff_diffs_means});</li>
 *   <li><b>cooperation</b>: the mean over r of C_r[i][j], self-play on the diagonal (Axelrod's
 *       {@code normalised_cooperation});</li>
 *   <li><b>state distribution</b>: the mean over r of the frequency of each joint outcome of i's matches against
 *       j, i's own action first (Axelrod's {@code normalised_state_distribution});</li>
 *   <li><b>good partner</b>: for j != i, the number of repetitions with C_r[i][j] &gt;= C_r[j][i]; the good partner
 *       rating divides its row sum by (n - 1) R, the cooperating rating is the mean over j != i of the cooperation
 *       (every match has the same expected length);</li>
 *   <li><b>eigenjesus</b> and <b>eigenmoses</b>: {@link PowerIteration#principalEigenvector} of the cooperation
 *       matrix and of 2 (cooperation - 1/2), with or without the self-play diagonal.</li>
 * </ul>
 * Arrays are indexed by roster order; they are owned by this object (callers must not change them).
 *
 * @param names              agents in roster order
 * @param normalisedScores   [i][r] without self-play
 * @param selfPlayScores     [i][r] with self-play (the tournament's own payoff)
 * @param scores             [i][r] expected total score against the others
 * @param wins               [i][r] matches won
 * @param scoreDifference    [i][j]
 * @param cooperation        [i][j], self-play on the diagonal
 * @param stateDistribution  [i][j][outcome], outcome = own action * k + other's action
 * @param goodPartner        [i][j], 0 on the diagonal
 * @param stateLabels        the labels of the outcomes, for example CC, CD, DC, DD
 */
public record TournamentAnalysis(List<String> names, double[][] normalisedScores, double[][] selfPlayScores,
                                 double[][] scores, int[][] wins, double[][] scoreDifference,
                                 double[][] cooperation, double[][][] stateDistribution, int[][] goodPartner,
                                 List<String> stateLabels) {

    /** Copies the name lists. */
    public TournamentAnalysis {
        names = List.copyOf(names);
        stateLabels = List.copyOf(stateLabels);
    }

    /** Number of agents. */
    public int size() {
        return names.size();
    }

    /** Number of repetitions. */
    public int repetitions() {
        return normalisedScores.length == 0 ? 0 : normalisedScores[0].length;
    }

    /** Agent i's per-repetition normalised scores, with or without self-play (a new array). */
    public double[] normalisedScores(int i, boolean selfPlay) {
        return (selfPlay ? selfPlayScores[i] : normalisedScores[i]).clone();
    }

    /** Matches agent i won over every repetition. */
    public int totalWins(int i) {
        int total = 0;
        for (int w : wins[i]) {
            total += w;
        }
        return total;
    }

    /** Axelrod's cooperating rating of every agent: the mean of its cooperation against the others. */
    public double[] cooperatingRating() {
        int n = size();
        double[] rating = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += j == i ? 0 : cooperation[i][j];
            }
            rating[i] = n > 1 ? sum / (n - 1) : 0;
        }
        return rating;
    }

    /** Axelrod's good partner rating of every agent. */
    public double[] goodPartnerRating() {
        int n = size();
        double[] rating = new double[n];
        for (int i = 0; i < n; i++) {
            int sum = 0;
            for (int j = 0; j < n; j++) {
                sum += goodPartner[i][j];
            }
            rating[i] = n > 1 ? (double) sum / ((n - 1) * (long) repetitions()) : 0;
        }
        return rating;
    }

    /** The eigenjesus rating: the principal eigenvector of the cooperation matrix. */
    public double[] eigenjesus(boolean selfPlay) {
        return PowerIteration.principalEigenvector(cooperationMatrix(selfPlay, false));
    }

    /** The eigenmoses rating: the principal eigenvector of 2 (cooperation - 1/2). */
    public double[] eigenmoses(boolean selfPlay) {
        return PowerIteration.principalEigenvector(cooperationMatrix(selfPlay, true));
    }

    /** The cooperation matrix, its diagonal zeroed without self-play (no self-interaction), optionally vengeful. */
    private double[][] cooperationMatrix(boolean selfPlay, boolean vengeful) {
        int n = size();
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double c = i == j && !selfPlay ? 0 : cooperation[i][j];
                m[i][j] = vengeful ? 2 * (c - 0.5) : c;
            }
        }
        return m;
    }
}
