package dev.opshape.shaping.analysis;

import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.tabular.exact.ExactEvaluator;

/**
 * The exact outcome of a pair of memory-1 policies: each agent's value and average reward per move, its
 * probability of action 0 (cooperate, in dilemma games) under the discounted occupancy of the moves, its
 * probability of action 0 in each own-view state, and the outcome label.
 *
 * <p>With trembling-hand noise ({@link dev.opshape.games.IteratedGame#noise()}) values, rewards and the occupancy
 * behind the label are those of the noisy game (executed actions), while pCoop and the per-state policies are the
 * agents' <em>intended</em> choices: pCoop_i is the discounted frequency with which agent i means to play action 0,
 * in the states the noisy game visits. (The executed frequency is f_i + c_i pCoop_i, with the floor and slope of
 * {@link dev.opshape.games.IteratedGame#trembleFloor} and {@link dev.opshape.games.IteratedGame#trembleScale}, so
 * it says as much about the noise as about the agent.)
 *
 * @param value1     V_1
 * @param value2     V_2
 * @param avgReward1 agent 1's average reward per move
 * @param avgReward2 agent 2's average reward per move
 * @param pCoop1     agent 1's discounted frequency of (intended) action 0
 * @param pCoop2     agent 2's discounted frequency of (intended) action 0
 * @param policy1    agent 1's (intended) probability of action 0 by own-view state
 * @param policy2    agent 2's (intended) probability of action 0 by own-view state
 * @param label      the outcome label (see {@link OutcomeClassifier})
 * @param outcomes   the discounted frequency of each executed joint action, index a1 * m + a2 (agent 1's action
 *                   first; for a 2 x 2 game CC, CD, DC, DD), summing to 1: Axelrod's normalised state distribution
 */
public record PolicyOutcome(double value1, double value2, double avgReward1, double avgReward2, double pCoop1,
                            double pCoop2, double[] policy1, double[] policy2, OutcomeLabel label,
                            double[] outcomes) {

    /**
     * Evaluates (theta1, theta2) exactly with the given evaluator (whose point is moved there). Allocates the small
     * result arrays: not for hot loops.
     */
    public static PolicyOutcome evaluate(ExactEvaluator exact, double[] theta1, double[] theta2) {
        exact.setPoint(theta1, theta2);
        if (!(exact.problem() instanceof IteratedGame iterated)) {
            throw new IllegalArgumentException("policy outcomes are defined for iterated games; this evaluator is for "
                    + exact.problem().model().name());
        }
        MatrixGame game = iterated.game();
        int n = game.rows();
        int m = game.columns();
        int states = 1 + n * m;
        double[] occupancy = new double[n * m];
        exact.jointActionOccupancy(occupancy);
        double pCoop1 = 0;
        double pCoop2 = 0;
        for (int a1 = 0; a1 < n; a1++) {
            for (int a2 = 0; a2 < m; a2++) {
                double o = occupancy[a1 * m + a2];
                pCoop1 += a1 == 0 ? o : 0;
                pCoop2 += a2 == 0 ? o : 0;
            }
        }
        double[] pi1 = new double[states * n];
        double[] pi2 = new double[states * m];
        exact.policy(0, pi1);
        exact.policy(1, pi2);
        if (iterated.isNoisy()) {
            // The intended frequency of action 0: each state's occupancy times the intended probability there. (The
            // executed frequency cannot be mapped back once the noise reaches 1/2, where c = 0.)
            double[] stateOccupancy = new double[states];
            exact.stateOccupancy(stateOccupancy);
            pCoop1 = 0;
            pCoop2 = 0;
            for (int s = 0; s < states; s++) {
                pCoop1 += stateOccupancy[s] * pi1[iterated.model().player(0).observation(s) * n];
                pCoop2 += stateOccupancy[s] * pi2[iterated.model().player(1).observation(s) * m];
            }
        }
        double[] p1 = new double[states];
        double[] p2 = new double[states];
        for (int s = 0; s < states; s++) {
            p1[s] = pi1[s * n];
            p2[s] = pi2[s * m];
        }
        OutcomeLabel label = OutcomeClassifier.classify(game, new double[][] {p1, p2}, occupancy);
        return new PolicyOutcome(exact.value(0), exact.value(1), exact.averageReward(0), exact.averageReward(1),
                pCoop1, pCoop2, p1, p2, label, occupancy);
    }

    /** Average reward per move of the agent (0 or 1). */
    public double avgReward(int agent) {
        return agent == 0 ? avgReward1 : avgReward2;
    }

    /** Discounted frequency of action 0 of the agent (0 or 1). */
    public double pCoop(int agent) {
        return agent == 0 ? pCoop1 : pCoop2;
    }
}
