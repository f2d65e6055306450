package dev.opshape.shaping.tournament;

import dev.opshape.games.MatrixGame;
import dev.opshape.shaping.analysis.PolicyOutcome;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Folds the runs of a tournament, in streaming order, into the {@link TournamentAnalysis}: per repetition, the
 * n x n sums of each quantity (averaged over the runs where two agents meet), closed when the repetition's last
 * pairing arrives. Memory is O(n^2 k^2 + n R) for k actions and R repetitions.
 */
final class AnalysisTally {

    private final TournamentConfig config;
    private final int n;
    private final int repetitions;
    private final int pairingCount;
    /** Joint outcomes of a square game (k x k), 0 when the game is not square (no state distribution). */
    private final int outcomes;
    private final int k;

    private final double[][] perTurn;
    private final double[][] value;
    private final double[][] coop;
    private final double[][][] states;
    private final int[][] meetings;

    private final double[][] normalised;
    private final double[][] withSelf;
    private final double[][] scores;
    private final int[][] wins;
    private final double[][] differenceSum;
    private final double[][] coopSum;
    private final double[][][] stateSum;
    private final int[][] goodPartner;
    private int repetition;

    AnalysisTally(TournamentConfig config) {
        this.config = config;
        this.n = config.roster().size();
        this.repetitions = config.repetitions();
        this.pairingCount = config.pairingCount();
        MatrixGame game = config.game().game();
        this.k = game.rows() == game.columns() ? game.rows() : 0;
        this.outcomes = k * k;
        this.perTurn = new double[n][n];
        this.value = new double[n][n];
        this.coop = new double[n][n];
        this.states = new double[n][n][outcomes];
        this.meetings = new int[n][n];
        this.normalised = new double[n][repetitions];
        this.withSelf = new double[n][repetitions];
        this.scores = new double[n][repetitions];
        this.wins = new int[n][repetitions];
        this.differenceSum = new double[n][n];
        this.coopSum = new double[n][n];
        this.stateSum = new double[n][n][outcomes];
        this.goodPartner = new int[n][n];
    }

    /** Adds the next run (the caller checks the streaming order). */
    void add(RunOutcome run) {
        Pairing p = run.pairing();
        PolicyOutcome o = run.outcome();
        for (int role = 0; role < 2; role++) {
            int self = p.player(role);
            int other = p.player(1 - role);
            perTurn[self][other] += o.avgReward(role);
            value[self][other] += role == 0 ? o.value1() : o.value2();
            coop[self][other] += o.pCoop(role);
            for (int own = 0; own < k; own++) {
                for (int theirs = 0; theirs < k; theirs++) {
                    int cell = role == 0 ? own * k + theirs : theirs * k + own;
                    states[self][other][own * k + theirs] += o.outcomes()[cell];
                }
            }
            meetings[self][other]++;
        }
        if (p.index() == pairingCount - 1) {
            closeRepetition();
        }
    }

    private void closeRepetition() {
        int r = repetition++;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double m = meetings[i][j];
                perTurn[i][j] /= m;
                value[i][j] /= m;
                coop[i][j] /= m;
                for (int c = 0; c < outcomes; c++) {
                    states[i][j][c] /= m;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            double others = 0;
            double all = 0;
            double total = 0;
            int won = 0;
            for (int j = 0; j < n; j++) {
                coopSum[i][j] += coop[i][j];
                for (int c = 0; c < outcomes; c++) {
                    stateSum[i][j][c] += states[i][j][c];
                }
                // In roster order, self included, as the tournament's own payoff sums them.
                all += perTurn[i][j];
                if (j == i) {
                    continue;
                }
                others += perTurn[i][j];
                total += value[i][j];
                won += ExactComparison.exceeds(value[i][j], value[j][i]) ? 1 : 0;
                differenceSum[i][j] += perTurn[i][j] - perTurn[j][i];
                goodPartner[i][j] += ExactComparison.exceeds(coop[j][i], coop[i][j]) ? 0 : 1;
            }
            normalised[i][r] = n > 1 ? others / (n - 1) : Double.NaN;
            withSelf[i][r] = all / n;
            scores[i][r] = total;
            wins[i][r] = won;
        }
        for (int i = 0; i < n; i++) {
            Arrays.fill(perTurn[i], 0);
            Arrays.fill(value[i], 0);
            Arrays.fill(coop[i], 0);
            Arrays.fill(meetings[i], 0);
            for (int j = 0; j < n; j++) {
                Arrays.fill(states[i][j], 0);
            }
        }
    }

    /** The analysis; every repetition must have been closed. */
    TournamentAnalysis result() {
        double[][] difference = new double[n][n];
        double[][] cooperation = new double[n][n];
        double[][][] distribution = new double[n][n][outcomes];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                difference[i][j] = differenceSum[i][j] / repetitions;
                cooperation[i][j] = coopSum[i][j] / repetitions;
                for (int c = 0; c < outcomes; c++) {
                    distribution[i][j][c] = stateSum[i][j][c] / repetitions;
                }
            }
        }
        List<String> labels = new ArrayList<>();
        List<String> actions = config.game().game().actions(0);
        for (int own = 0; own < k; own++) {
            for (int theirs = 0; theirs < k; theirs++) {
                labels.add(actions.get(own) + actions.get(theirs));
            }
        }
        return new TournamentAnalysis(config.names(), normalised, withSelf, scores, wins, difference, cooperation,
                distribution, goodPartner, labels);
    }
}
