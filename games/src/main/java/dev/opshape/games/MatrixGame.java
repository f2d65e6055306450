package dev.opshape.games;

import dev.opshape.tabular.InvalidModelException;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A two-player bimatrix game: agent 1 chooses a row action {@code a1} in {@code 0..n-1}, agent 2 a column action
 * {@code a2} in {@code 0..m-1}, and they receive {@code payoff1[a1][a2]} and {@code payoff2[a1][a2]} (rewards:
 * higher is better).
 *
 * <p>Joint outcomes are indexed {@code a1 * m + a2}; in a 2 x 2 dilemma game with action 0 = cooperate this is
 * CC, CD, DC, DD from agent 1's view. Instances are immutable and validated on construction: both matrices are
 * n x m with n, m &gt;= 2 and every payoff finite.
 */
public final class MatrixGame {

    private final String name;
    private final String description;
    private final String source;
    private final List<String> actions1;
    private final List<String> actions2;
    private final double[][] payoff1;
    private final double[][] payoff2;

    /**
     * @param name        short identifier (for example {@code ipd})
     * @param description one-line human description
     * @param source      citation for the payoffs
     * @param actions1    labels of agent 1's actions (size n)
     * @param actions2    labels of agent 2's actions (size m)
     * @param payoff1     n x m rewards of agent 1 (copied)
     * @param payoff2     n x m rewards of agent 2 (copied)
     * @throws InvalidModelException if the shapes disagree, a dimension is below 2 or a payoff is not finite
     */
    public MatrixGame(String name, String description, String source, List<String> actions1, List<String> actions2,
                      double[][] payoff1, double[][] payoff2) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = description == null ? "" : description;
        this.source = source == null ? "" : source;
        if (payoff1 == null || payoff2 == null) {
            throw new InvalidModelException("game '" + name + "': both payoff matrices are required");
        }
        this.payoff1 = checkedCopy(name, "payoffs1", payoff1);
        this.payoff2 = checkedCopy(name, "payoffs2", payoff2);
        int n = this.payoff1.length;
        int m = this.payoff1[0].length;
        if (this.payoff2.length != n || this.payoff2[0].length != m) {
            throw new InvalidModelException("game '" + name + "': payoffs2 is " + this.payoff2.length + "x"
                    + this.payoff2[0].length + " but payoffs1 is " + n + "x" + m + "; both must have the same shape");
        }
        this.actions1 = labels(name, "actions1", actions1, n);
        this.actions2 = labels(name, "actions2", actions2, m);
    }

    /**
     * A symmetric game: agent 2's payoffs are the transpose of agent 1's, both agents share the action labels.
     */
    public static MatrixGame symmetric(String name, String description, String source, List<String> actions,
                                       double[][] payoff1) {
        return new MatrixGame(name, description, source, actions, actions, payoff1, transpose(payoff1));
    }

    private static double[][] checkedCopy(String game, String what, double[][] matrix) {
        if (matrix.length < 2) {
            throw new InvalidModelException("game '" + game + "': " + what + " has " + matrix.length
                    + " rows; at least 2 actions per agent are required");
        }
        int cols = -1;
        double[][] copy = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            if (matrix[i] == null) {
                throw new InvalidModelException("game '" + game + "': " + what + " row " + i + " is missing");
            }
            if (cols < 0) {
                cols = matrix[i].length;
                if (cols < 2) {
                    throw new InvalidModelException("game '" + game + "': " + what + " has " + cols
                            + " columns; at least 2 actions per agent are required");
                }
            } else if (matrix[i].length != cols) {
                throw new InvalidModelException("game '" + game + "': " + what + " row " + i + " has "
                        + matrix[i].length + " entries but row 0 has " + cols + "; the matrix must be rectangular");
            }
            for (int j = 0; j < cols; j++) {
                if (!Double.isFinite(matrix[i][j])) {
                    throw new InvalidModelException("game '" + game + "': " + what + "[" + i + "][" + j + "] = "
                            + matrix[i][j] + "; payoffs must be finite numbers");
                }
            }
            copy[i] = matrix[i].clone();
        }
        return copy;
    }

    private static List<String> labels(String game, String what, List<String> labels, int size) {
        if (labels == null) {
            String[] generated = new String[size];
            for (int i = 0; i < size; i++) {
                generated[i] = Integer.toString(i);
            }
            return List.of(generated);
        }
        if (labels.size() != size) {
            throw new InvalidModelException("game '" + game + "': " + what + " has " + labels.size()
                    + " labels but the payoffs have " + size + " actions");
        }
        if (labels.stream().distinct().count() != size || labels.stream().anyMatch(l -> l == null || l.isBlank())) {
            throw new InvalidModelException("game '" + game + "': " + what + " " + labels
                    + " must be distinct, non-empty labels");
        }
        return List.copyOf(labels);
    }

    static double[][] transpose(double[][] matrix) {
        double[][] t = new double[matrix[0].length][matrix.length];
        for (int i = 0; i < matrix.length; i++) {
            for (int j = 0; j < matrix[i].length; j++) {
                t[j][i] = matrix[i][j];
            }
        }
        return t;
    }

    /** Short identifier, for example {@code ipd}. */
    public String name() {
        return name;
    }

    /** One-line description. */
    public String description() {
        return description;
    }

    /** Citation for the payoffs (empty for a user game without one). */
    public String source() {
        return source;
    }

    /** Number of actions of agent 1 (rows), n. */
    public int rows() {
        return payoff1.length;
    }

    /** Number of actions of agent 2 (columns), m. */
    public int columns() {
        return payoff1[0].length;
    }

    /** Number of actions of the given agent (0 = agent 1, 1 = agent 2). */
    public int numActions(int agent) {
        return agent == 0 ? rows() : columns();
    }

    /** Number of joint outcomes, n * m. */
    public int numOutcomes() {
        return rows() * columns();
    }

    /** Index of the joint outcome (a1, a2): {@code a1 * m + a2}. */
    public int outcome(int a1, int a2) {
        return a1 * columns() + a2;
    }

    /** Action labels of the given agent (0 or 1). */
    public List<String> actions(int agent) {
        return agent == 0 ? actions1 : actions2;
    }

    /** Reward of the given agent (0 or 1) at the joint action (a1, a2). */
    public double payoff(int agent, int a1, int a2) {
        return agent == 0 ? payoff1[a1][a2] : payoff2[a1][a2];
    }

    /** A copy of the n x m payoff matrix of the given agent (0 or 1), rows = agent 1's actions. */
    public double[][] payoffMatrix(int agent) {
        double[][] source = agent == 0 ? payoff1 : payoff2;
        double[][] copy = new double[source.length][];
        for (int i = 0; i < source.length; i++) {
            copy[i] = source[i].clone();
        }
        return copy;
    }

    /**
     * The rewards of the given agent by joint outcome, length n * m, index {@code a1 * m + a2} (a new array).
     */
    public double[] outcomeRewards(int agent) {
        double[] r = new double[numOutcomes()];
        for (int a1 = 0; a1 < rows(); a1++) {
            for (int a2 = 0; a2 < columns(); a2++) {
                r[outcome(a1, a2)] = payoff(agent, a1, a2);
            }
        }
        return r;
    }

    /** True when agent 2's payoffs are the transpose of agent 1's (a square, symmetric game). */
    public boolean isSymmetric() {
        if (rows() != columns()) {
            return false;
        }
        for (int i = 0; i < rows(); i++) {
            for (int j = 0; j < columns(); j++) {
                if (payoff1[i][j] != payoff2[j][i]) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * True when the payoffs of the two agents sum to the same constant at every outcome, up to rounding (a relative
     * tolerance of 1e-12 of the largest payoff, so that payoffs such as 0.1 + 0.2 and 0.3 count as equal sums).
     */
    public boolean isConstantSum() {
        double scale = 0;
        for (int i = 0; i < rows(); i++) {
            for (int j = 0; j < columns(); j++) {
                scale = Math.max(scale, Math.max(Math.abs(payoff1[i][j]), Math.abs(payoff2[i][j])));
            }
        }
        double tolerance = 1e-12 * Math.max(scale, 1.0);
        double sum = payoff1[0][0] + payoff2[0][0];
        for (int i = 0; i < rows(); i++) {
            for (int j = 0; j < columns(); j++) {
                if (Math.abs(payoff1[i][j] + payoff2[i][j] - sum) > tolerance) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Which named dilemma conditions the payoffs satisfy (see {@link DilemmaConditions}). */
    public DilemmaConditions dilemma() {
        return DilemmaConditions.of(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatrixGame g && name.equals(g.name) && Arrays.deepEquals(payoff1, g.payoff1)
                && Arrays.deepEquals(payoff2, g.payoff2) && actions1.equals(g.actions1) && actions2.equals(g.actions2);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.deepHashCode(payoff1), Arrays.deepHashCode(payoff2));
    }

    @Override
    public String toString() {
        return name + " " + Arrays.deepToString(payoff1) + " / " + Arrays.deepToString(payoff2);
    }
}
