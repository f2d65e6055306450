package dev.opshape.shaping.bias;

import dev.opshape.tabular.TabularProblem;

/**
 * A parameter point of a bias study: both agents' logits.
 *
 * @param theta1 agent 1's logits
 * @param theta2 agent 2's logits
 */
public record StudyPoint(double[] theta1, double[] theta2) {

    public StudyPoint {
        theta1 = theta1.clone();
        theta2 = theta2.clone();
    }

    /** The joint vector (theta1, theta2) of the problem's layout (a new array). */
    public double[] joint(TabularProblem problem) {
        return problem.layout().join(theta1, theta2);
    }
}
