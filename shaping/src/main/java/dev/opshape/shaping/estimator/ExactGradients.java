package dev.opshape.shaping.estimator;

import dev.opshape.games.IteratedGame;
import dev.opshape.games.exact.ExactEvaluator;

/** The exact {@link GradientEstimator}: a thin view of the games module's {@link ExactEvaluator}. */
public final class ExactGradients implements GradientEstimator {

    private final ExactEvaluator exact;

    /** An exact estimator for the game (infinite or finite horizon, as the game says). */
    public ExactGradients(IteratedGame game) {
        this.exact = ExactEvaluator.create(game);
    }

    @Override
    public int dimension1() {
        return exact.dimension1();
    }

    @Override
    public int dimension() {
        return exact.dimension();
    }

    @Override
    public void setPoint(double[] theta1, double[] theta2, long seed, long stream) {
        exact.setPoint(theta1, theta2);
    }

    @Override
    public void revisit(double[] theta1, double[] theta2) {
        exact.setPoint(theta1, theta2);
    }

    @Override
    public double value(int agent) {
        return exact.value(agent);
    }

    @Override
    public void gradient(int agent, double[] out) {
        exact.gradient(agent, out);
    }

    @Override
    public void hessianVectorProduct(int agent, double[] v, double[] out) {
        exact.hessianVectorProduct(agent, v, out);
    }

    @Override
    public boolean isExact() {
        return true;
    }
}
