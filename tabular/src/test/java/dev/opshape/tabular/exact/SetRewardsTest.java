package dev.opshape.tabular.exact;

import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.mdp.RandomMdps;
import dev.opshape.tabular.mdp.TabularMdp;
import dev.opshape.testkit.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ExactEvaluator#setRewards}: an evaluator given other rewards answers exactly as a fresh evaluator of the
 * model built with those rewards (the same arithmetic, so bit for bit), and refuses what it cannot take.
 */
class SetRewardsTest {

    private static final RandomMdps SMALL = new RandomMdps(6, 3, 0.5, 0.0, 1.0, 0);

    @ParameterizedTest(name = "horizon = {0}")
    @ValueSource(ints = {0, 7})
    void answersAsAFreshEvaluatorOfTheRewardedModel(int horizon) {
        TabularMdp mdp = SMALL.draw(5L, 0);
        SplittableRandom random = new SplittableRandom(5);
        double[] other = Vectors.gaussian(random, mdp.numStates() * mdp.numActions(), 1.0);
        TabularProblem original = mdp.problem(0.9, horizon);
        TabularProblem rewarded = mdp.withRewards(other).problem(0.9, horizon);
        double[] theta = Vectors.gaussian(random, original.layout().dimension(), 1.0);
        double[] v = Vectors.gaussian(random, theta.length, 1.0);

        ExactEvaluator changed = ExactEvaluator.general(original);
        changed.setPoint(theta);
        double before = changed.value(0);
        changed.setRewards(0, other);
        changed.setPoint(theta);
        ExactEvaluator fresh = ExactEvaluator.general(rewarded);
        fresh.setPoint(theta);

        assertNotEquals(before, changed.value(0));
        assertEquals(fresh.value(0), changed.value(0));
        assertArrayEquals(gradient(fresh, theta.length), gradient(changed, theta.length));
        assertArrayEquals(product(fresh, v), product(changed, v));
    }

    @Test
    void leavesNoPointAndRefusesBadTables() {
        TabularMdp mdp = SMALL.draw(6L, 0);
        ExactEvaluator exact = ExactEvaluator.general(mdp.problem(0.9, 0));
        exact.setPoint(new double[exact.dimension()]);
        int cells = mdp.numStates() * mdp.numActions();
        exact.setRewards(0, new double[cells]);
        assertThrows(IllegalStateException.class, () -> exact.value(0));
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> exact.setRewards(0, new double[cells - 1]));
        assertTrue(length.getMessage().contains("length " + cells), length.getMessage());
        double[] nan = new double[cells];
        nan[3] = Double.NaN;
        IllegalArgumentException notFinite = assertThrows(IllegalArgumentException.class,
                () -> exact.setRewards(0, nan));
        assertTrue(notFinite.getMessage().contains("cell 3"), notFinite.getMessage());
        assertThrows(IllegalArgumentException.class, () -> exact.setRewards(1, new double[cells]));
    }

    private static double[] gradient(ExactEvaluator exact, int d) {
        double[] out = new double[d];
        exact.gradient(0, out);
        return out;
    }

    private static double[] product(ExactEvaluator exact, double[] v) {
        double[] out = new double[v.length];
        exact.hessianVectorProduct(0, v, out);
        return out;
    }
}
