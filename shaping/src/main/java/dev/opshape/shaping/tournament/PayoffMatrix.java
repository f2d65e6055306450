package dev.opshape.shaping.tournament;

import java.util.List;

/**
 * The row entrant's mean average reward per move against the column entrant, and its standard deviation over
 * repetitions.
 *
 * <p>Per repetition r, P_r[i][j] is the mean of agent i's rewards in the runs of that repetition where it meets j:
 * in a symmetric game the one played orientation fills both cells (P_r[i][j] from the role i played, P_r[j][i] from
 * the role j played); in an asymmetric game agent i meets j once as player 1 and once as player 2, and P_r[i][j]
 * averages its rewards in the two roles; on the diagonal (self-play) P_r[i][i] averages the rewards of the two
 * players, both of them agent i. The cell holds the mean and the sample standard deviation (n - 1; NaN for one
 * repetition) of P_r[i][j] over r.
 */
public final class PayoffMatrix {

    private final List<String> names;
    private final double[][] mean;
    private final double[][] sd;

    /**
     * @param names entrants' display names, in roster order (rows and columns)
     * @param mean  n x n means (copied)
     * @param sd    n x n standard deviations (copied)
     */
    public PayoffMatrix(List<String> names, double[][] mean, double[][] sd) {
        this.names = List.copyOf(names);
        this.mean = copy(mean, names.size());
        this.sd = copy(sd, names.size());
    }

    private static double[][] copy(double[][] m, int n) {
        if (m.length != n) {
            throw new IllegalArgumentException("a payoff matrix for " + n + " agents needs " + n + " rows");
        }
        double[][] c = new double[n][];
        for (int i = 0; i < n; i++) {
            if (m[i].length != n) {
                throw new IllegalArgumentException("a payoff matrix for " + n + " agents needs " + n + " columns");
            }
            c[i] = m[i].clone();
        }
        return c;
    }

    /** Number of entrants (rows = columns). */
    public int size() {
        return names.size();
    }

    /** Display names, in roster order. */
    public List<String> names() {
        return names;
    }

    /** The row entrant's mean payoff against the column entrant. */
    public double mean(int row, int column) {
        return mean[row][column];
    }

    /** Standard deviation over repetitions of the row entrant's payoff against the column entrant. */
    public double sd(int row, int column) {
        return sd[row][column];
    }
}
