package dev.opshape.shaping.analysis;

import dev.opshape.games.MatrixGame;

/**
 * Labels the outcome of two memory-1 policies in a 2 x 2 game. The rules (documented in the README):
 *
 * <p><b>Symmetric 2 x 2 games</b> (action 0 = cooperate: ipd, stag-hunt, chicken, ...), from the discounted
 * occupancy of the joint outcomes (the normalised sum_t gamma^t P(outcome at move t)):
 * <ul>
 *   <li>occupancy(CC) &gt;= {@value #DOMINANT}: mutual cooperation, labelled by how it is held (states in
 *       each agent's own view, "defects after X" meaning p(C | X) &lt; 1/2): {@code wsls-like} if both agents
 *       defect after CD and after DC and cooperate after DD (win-stay lose-shift); otherwise {@code tft-like} if
 *       both defect after CD, that is both retaliate when exploited as tit-for-tat does (reciprocal cooperation;
 *       the off-path states DC and DD are visited too rarely for their probabilities to be learned reliably, so
 *       they do not enter); otherwise {@code mutual-cooperation} (at least one agent keeps cooperating when
 *       exploited);</li>
 *   <li>occupancy(DD) &gt;= {@value #DOMINANT}: {@code mutual-defection};</li>
 *   <li>occupancy(CD) or occupancy(DC) &gt;= {@value #DOMINANT}: {@code exploitation};</li>
 *   <li>otherwise {@code other}.</li>
 * </ul>
 * <p><b>Constant-sum 2 x 2 games with a fully mixed stage equilibrium</b> (imp): {@code mixed-equilibrium} if
 * every state's probability of action 0 is within {@value #MIXED_TOLERANCE} of the stage game's equilibrium
 * probability for both agents, else {@code other}. (The tolerance follows the reproduction of the LOLA paper's
 * matching-pennies result in the project's references: 43 of 50 exact LOLA runs end within 0.05 of p = 0.5.)
 * <p>Any other game is {@code other}.
 */
public final class OutcomeClassifier {

    /** Occupancy share that makes an outcome dominant. */
    public static final double DOMINANT = 0.8;
    /** Largest distance of each probability from the mixed equilibrium. */
    public static final double MIXED_TOLERANCE = 0.05;

    private static final int CC = 0;
    private static final int CD = 1;
    private static final int DC = 2;
    private static final int DD = 3;

    private OutcomeClassifier() {
    }

    /**
     * @param game      the stage game
     * @param pAction0  per agent, the probability of action 0 by own-view state (length 1 + n m; only read for
     *                  2 x 2 games, where the order is start, CC, CD, DC, DD)
     * @param occupancy discounted occupancy of the joint outcomes (length n m, sums to 1)
     */
    public static OutcomeLabel classify(MatrixGame game, double[][] pAction0, double[] occupancy) {
        if (game.rows() != 2 || game.columns() != 2) {
            return OutcomeLabel.OTHER;
        }
        if (game.isConstantSum()) {
            return classifyConstantSum(game, pAction0);
        }
        if (!game.dilemma().applicable()) {
            return OutcomeLabel.OTHER;
        }
        if (occupancy[CC] >= DOMINANT) {
            boolean retaliate = true;
            boolean wsls = true;
            for (double[] p : pAction0) {
                boolean defectAfterCd = p[1 + CD] < 0.5;
                boolean cooperateAfterDc = p[1 + DC] >= 0.5;
                boolean cooperateAfterDd = p[1 + DD] >= 0.5;
                retaliate &= defectAfterCd;
                wsls &= defectAfterCd && !cooperateAfterDc && cooperateAfterDd;
            }
            return wsls ? OutcomeLabel.WSLS_LIKE
                    : retaliate ? OutcomeLabel.TFT_LIKE
                    : OutcomeLabel.MUTUAL_COOPERATION;
        }
        if (occupancy[DD] >= DOMINANT) {
            return OutcomeLabel.MUTUAL_DEFECTION;
        }
        if (occupancy[CD] >= DOMINANT || occupancy[DC] >= DOMINANT) {
            return OutcomeLabel.EXPLOITATION;
        }
        return OutcomeLabel.OTHER;
    }

    private static OutcomeLabel classifyConstantSum(MatrixGame game, double[][] pAction0) {
        // Agent 1's equilibrium mix makes agent 2 indifferent, and vice versa.
        double p1 = indifference(game.payoff(1, 0, 0), game.payoff(1, 1, 0), game.payoff(1, 0, 1),
                game.payoff(1, 1, 1));
        double p2 = indifference(game.payoff(0, 0, 0), game.payoff(0, 0, 1), game.payoff(0, 1, 0),
                game.payoff(0, 1, 1));
        if (!(p1 > 0 && p1 < 1 && p2 > 0 && p2 < 1)) {
            return OutcomeLabel.OTHER;
        }
        double[] target = {p1, p2};
        for (int agent = 0; agent < 2; agent++) {
            for (double p : pAction0[agent]) {
                if (Math.abs(p - target[agent]) > MIXED_TOLERANCE) {
                    return OutcomeLabel.OTHER;
                }
            }
        }
        return OutcomeLabel.MIXED_EQUILIBRIUM;
    }

    /**
     * The probability x of the mixing player's action 0 that equalises the other player's two payoffs:
     * x a + (1 - x) b = x c + (1 - x) d, where (a, b) are the other's payoffs for its action 0 against the mixer's
     * actions 0 and 1, and (c, d) for its action 1. NaN when the other player is never indifferent.
     */
    private static double indifference(double a, double b, double c, double d) {
        double denominator = (a - b) - (c - d);
        return denominator == 0 ? Double.NaN : (d - b) / denominator;
    }
}
