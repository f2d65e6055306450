package dev.opshape.shaping.estimator;

import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.tabular.policy.ParameterLayout;

/** The exact {@link GradientEstimator}: a thin view of the problem's {@link ExactEvaluator}. */
public final class ExactGradients implements GradientEstimator {

    private final ExactEvaluator exact;

    /** An exact estimator for the problem (infinite or finite horizon, as the problem says). */
    public ExactGradients(TabularProblem problem) {
        this.exact = problem.newEvaluator();
    }

    @Override
    public ParameterLayout layout() {
        return exact.layout();
    }

    @Override
    public void setPoint(double[] theta, long seed, long stream) {
        exact.setPoint(theta);
    }

    @Override
    public void revisit(double[] theta) {
        exact.setPoint(theta);
    }

    @Override
    public double value(int player) {
        return exact.value(player);
    }

    @Override
    public void gradient(int player, double[] out) {
        exact.gradient(player, out);
    }

    @Override
    public void hessianVectorProduct(int player, double[] v, double[] out) {
        exact.hessianVectorProduct(player, v, out);
    }

    /** See {@link GradientEstimator#setRewards}; {@link ExactEvaluator#setRewards} does the work. */
    @Override
    public void setRewards(int player, double[] byCell) {
        exact.setRewards(player, byCell);
    }

    @Override
    public void cellVisitsDirectional(double[] v, double[] out) {
        exact.cellVisitsDirectional(v, out);
    }

    @Override
    public boolean isExact() {
        return true;
    }
}
