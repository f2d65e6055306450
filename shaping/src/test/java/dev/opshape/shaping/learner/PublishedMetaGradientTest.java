package dev.opshape.shaping.learner;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.testkit.Vectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Exact K-step LOLA meta-gradients on the IPD (gamma 0.96, lookahead step 0.3) against the values obtained by
 * re-running the Theoretical-GMRL / LOLA_DiCE PyTorch code in float64 (docs/published-results.md#gmrl-exact-reference,
 * items 2 and 3, quoted to 6 decimals, hence the 1e-5 tolerance).
 *
 * <p>Convention mapping (docs/conventions.md#gmrl-mapping): that code's sigmoid(theta) is P(defect) and its states are
 * [start, DD, DC, CD, CC], own action first; ours is p(C) = sigmoid(logit) over [start, CC, CD, DC, DD]. So our
 * logits are minus theirs permuted by [0, 4, 3, 2, 1], and their gradient of the loss L = -V with respect to their
 * logits, permuted the same way, is our gradient of V with respect to ours.
 */
class PublishedMetaGradientTest {

    private static final int[] THEIR_INDEX = {0, 4, 3, 2, 1};

    static Stream<Arguments> published() {
        double[] zero = {0, 0, 0, 0, 0};
        double[] a1 = {0.5, -0.3, 0.2, 0.1, -0.4};
        double[] a2 = {-0.2, 0.4, -0.1, 0.3, 0.6};
        return Stream.of(
                Arguments.of(zero, zero, 0, new double[] {-0.25, -1.5, -1.5, -1.5, -1.5}),
                Arguments.of(zero, zero, 1, new double[] {-0.25, -3.06242, 0.06242, -3.06242, 0.06242}),
                Arguments.of(zero, zero, 2, new double[] {-0.25, -4.335164, 1.335164, -4.335164, 1.335164}),
                Arguments.of(zero, zero, 3, new double[] {-0.25, -4.919976, 1.919976, -4.919976, 1.919976}),
                Arguments.of(a1, a2, 0, new double[] {-0.235251, -1.440071, -1.184032, -1.742751, -1.144508}),
                Arguments.of(a1, a2, 1, new double[] {-0.233717, -2.437344, 0.144743, -2.722574, 0.159300}),
                Arguments.of(a1, a2, 2, new double[] {-0.242085, -3.378451, 1.102402, -3.564932, 1.102335}),
                Arguments.of(a1, a2, 3, new double[] {-0.241157, -3.794312, 1.483198, -3.984853, 1.500355}));
    }

    private static double[] ours(double[] theirs) {
        double[] x = new double[5];
        for (int i = 0; i < 5; i++) {
            x[i] = -theirs[THEIR_INDEX[i]];
        }
        return x;
    }

    @ParameterizedTest(name = "K={2}")
    @MethodSource("published")
    void matchesTheReferenceCode(double[] their1, double[] their2, int k, double[] theirGradient) {
        IteratedGame ipd = IteratedGame.infinite(BuiltInGames.IPD, 0.96);
        double[] direction = new double[5];
        LookaheadLola.exact(k, 0.3).newLearner(ipd, 0)
                .direction(Vectors.concat(ours(their1), ours(their2)), new UpdateKey(0, 0, 0), direction);
        for (int i = 0; i < 5; i++) {
            assertEquals(theirGradient[THEIR_INDEX[i]], direction[i], 1e-5, "our logit " + i);
        }
    }
}
