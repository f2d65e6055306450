package dev.opshape.shaping.population;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Replicator dynamics against closed forms: the logistic solution x(t) = x0 e^(d t) / (1 - x0 + x0 e^(d t)) of two
 * types whose payoff difference is a constant d; the rest points and their stability in the prisoner's dilemma (only
 * all-defect is stable), in chicken (the mixed point x_C = 9/10 of Wikipedia's payoffs, stable: -1 + x = x - 10 +
 * 10 x) and in rock-paper-scissors (the centre, whose eigenvalues are purely imaginary: undecided, a centre, and
 * three unstable vertices); and the discrete map by hand.
 */
class ReplicatorDynamicsTest {

    @Test
    void twoTypesWithAConstantAdvantageFollowTheLogistic() {
        double d = 0.7;
        ReplicatorDynamics dynamics = new ReplicatorDynamics(new double[][] {{1 + d, 1 + d}, {1, 1}});
        double x0 = 0.2;
        double[][] path = dynamics.trajectory(new double[] {x0, 1 - x0}, 0.5, 11);
        for (int k = 0; k < path.length; k++) {
            double t = 0.5 * k;
            double expected = x0 * Math.exp(d * t) / (1 - x0 + x0 * Math.exp(d * t));
            assertEquals(expected, path[k][0], 1e-9, "t=" + t);
            assertEquals(1.0, path[k][0] + path[k][1], 1e-9);
        }
    }

    /**
     * Adding a constant to every payoff leaves the dynamics on the simplex unchanged; with negative payoffs (the LOLA
     * papers' IPD scale) the trajectory must still be the logistic, over a long time (a field that lets rounding
     * drift off the simplex grows that drift exponentially there).
     */
    @Test
    void negativePayoffsGiveTheSameLogisticOverALongTime() {
        double d = 0.3;
        double shift = -5;
        ReplicatorDynamics dynamics = new ReplicatorDynamics(new double[][] {{d + shift, d + shift}, {shift, shift}});
        double x0 = 0.01;
        double[][] path = dynamics.trajectory(new double[] {x0, 1 - x0}, 1.0, 101);
        for (int k = 0; k < path.length; k++) {
            double expected = x0 * Math.exp(d * k) / (1 - x0 + x0 * Math.exp(d * k));
            assertEquals(expected, path[k][0], 1e-8, "t=" + k);
        }
    }

    @Test
    void restPointsOfThreeClassicGames() {
        List<ReplicatorDynamics.RestPoint> pd = new ReplicatorDynamics(new double[][] {{3, 0}, {5, 1}}).restPoints();
        assertEquals(2, pd.size());
        assertArrayEquals(new double[] {1, 0}, pd.get(0).shares(), 1e-12);
        assertEquals(ReplicatorDynamics.Stability.UNSTABLE, pd.get(0).stability());
        assertEquals(ReplicatorDynamics.Stability.STABLE, pd.get(1).stability());

        List<ReplicatorDynamics.RestPoint> chicken = new ReplicatorDynamics(new double[][] {{0, -1}, {1, -10}})
                .restPoints();
        ReplicatorDynamics.RestPoint mixed = chicken.get(chicken.size() - 1);
        assertArrayEquals(new double[] {0.9, 0.1}, mixed.shares(), 1e-12);
        assertEquals(ReplicatorDynamics.Stability.STABLE, mixed.stability());
        assertEquals(ReplicatorDynamics.Stability.UNSTABLE, chicken.get(0).stability());

        List<ReplicatorDynamics.RestPoint> rps = new ReplicatorDynamics(new double[][] {{0, -1, 1}, {1, 0, -1},
            {-1, 1, 0}}).restPoints();
        assertEquals(4, rps.size(), "three vertices and the centre");
        for (int k = 0; k < 3; k++) {
            assertEquals(ReplicatorDynamics.Stability.UNSTABLE, rps.get(k).stability());
        }
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, rps.get(3).shares(), 1e-12);
        assertEquals(ReplicatorDynamics.Stability.UNDECIDED, rps.get(3).stability());
    }

    @Test
    void theDiscreteMapByHand() {
        ReplicatorDynamics dynamics = new ReplicatorDynamics(new double[][] {{3, 0}, {5, 1}});
        double[][] path = dynamics.discreteTrajectory(new double[] {0.5, 0.5}, 1);
        // Payoffs 1.5 and 3, mean 2.25: x_C' = 0.5 * 1.5 / 2.25 = 1/3.
        assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3}, path[1], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new ReplicatorDynamics(new double[][] {{-1, -3},
            {0, -2}}).discreteTrajectory(new double[] {0.5, 0.5}, 1));
        assertThrows(IllegalArgumentException.class, () -> dynamics.trajectory(new double[] {0.5, 0.6}, 1, 2));
    }
}
