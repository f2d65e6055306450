package dev.opshape.tabular.mdp;

import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.testkit.TabularReferenceValue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The "From Java" example of docs/mdp.md, line for line, so that it keeps compiling and means what it says. */
class MdpDocumentationExampleTest {

    @Test
    void theExampleRunsAndGivesTheValueOfTheUniformPolicy() {
        TabularMdp mdp = RandomMdps.PAPER.draw(2022, 0);
        TabularProblem problem = mdp.problem(0.8, 20);
        ExactEvaluator exact = problem.newEvaluator();
        double[] theta = new double[problem.layout().dimension()];
        exact.setPoint(theta);
        double v = exact.value(0);
        double[] grad = new double[theta.length];
        exact.gradient(0, grad);

        assertEquals(100, theta.length);
        assertEquals(TabularReferenceValue.value(problem, 0, theta), v, 1e-12);
        assertArrayEquals(TabularReferenceValue.gradient(problem, 0, theta), grad, 1e-12);
    }
}
