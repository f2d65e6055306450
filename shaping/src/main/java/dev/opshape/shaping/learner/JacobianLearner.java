package dev.opshape.shaping.learner;

import dev.opshape.shaping.estimator.GradientEstimator;

/**
 * The learner of a joint differentiable-game rule built on the game's Jacobian (SGA, CO, CGD, LSS): it loads the
 * point, forms g and J ({@link GameJacobian}), lets the rule compute the joint direction, and follows its own
 * agent's block of it.
 */
abstract class JacobianLearner extends PointEstimateLearner {

    /** g and J at the loaded point. */
    protected final GameJacobian jac;
    private final double[] joint;
    private final int offset;
    private final int length;

    JacobianLearner(int agent, GradientEstimator est, GameJacobian jac) {
        super(agent, est);
        this.jac = jac;
        this.joint = new double[jac.dim];
        this.offset = jac.offset(agent);
        this.length = jac.length(agent);
    }

    /** Writes the rule's joint ascent direction (d entries) into {@code out}, from {@link #jac}. */
    protected abstract void jointDirection(double[] out);

    @Override
    public final void direction(double[] theta, UpdateKey key, double[] out) {
        load(theta, key);
        jac.compute(est);
        jointDirection(joint);
        System.arraycopy(joint, offset, out, 0, length);
    }
}
