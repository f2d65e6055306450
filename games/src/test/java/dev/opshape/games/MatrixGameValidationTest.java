package dev.opshape.games;

import dev.opshape.tabular.InvalidModelException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A malformed game is refused at construction with an {@link InvalidModelException} whose one-line message names the
 * offending matrix, row, entry or label list and the value found, so a user can fix their game file from the message.
 */
class MatrixGameValidationTest {

    private static final double[][] OK = {{1, 2}, {3, 4}};
    private static final List<String> CD = List.of("C", "D");

    private interface Construction {
        MatrixGame build();
    }

    static Stream<Arguments> malformedGames() {
        return Stream.of(
                arguments(Named.of("ragged payoffs1", (Construction) () -> game(new double[][] {{1, 2}, {3}}, OK)),
                        List.of("payoffs1 row 1 has 1 entries but row 0 has 2", "rectangular")),
                arguments(Named.of("ragged payoffs2", (Construction) () -> game(OK, new double[][] {{1, 2}, {3, 4, 5}})),
                        List.of("payoffs2 row 1 has 3 entries but row 0 has 2", "rectangular")),
                arguments(Named.of("NaN payoff", (Construction) () -> game(new double[][] {{1, Double.NaN}, {3, 4}}, OK)),
                        List.of("payoffs1[0][1] = NaN", "finite")),
                arguments(Named.of("+infinite payoff",
                                (Construction) () -> game(OK, new double[][] {{1, 2}, {Double.POSITIVE_INFINITY, 4}})),
                        List.of("payoffs2[1][0] = Infinity", "finite")),
                arguments(Named.of("-infinite payoff",
                                (Construction) () -> game(new double[][] {{1, 2}, {3, Double.NEGATIVE_INFINITY}}, OK)),
                        List.of("payoffs1[1][1] = -Infinity", "finite")),
                arguments(Named.of("one row", (Construction) () -> game(new double[][] {{1, 2}}, new double[][] {{1, 2}})),
                        List.of("payoffs1 has 1 rows", "at least 2 actions")),
                arguments(Named.of("no rows", (Construction) () -> game(new double[0][], new double[0][])),
                        List.of("payoffs1 has 0 rows", "at least 2 actions")),
                arguments(Named.of("one column",
                                (Construction) () -> game(new double[][] {{1}, {2}}, new double[][] {{1}, {2}})),
                        List.of("payoffs1 has 1 columns", "at least 2 actions")),
                arguments(Named.of("missing row", (Construction) () -> game(new double[][] {{1, 2}, null}, OK)),
                        List.of("payoffs1 row 1 is missing")),
                arguments(Named.of("shapes differ",
                                (Construction) () -> game(OK, new double[][] {{1, 2, 3}, {4, 5, 6}})),
                        List.of("payoffs2 is 2x3 but payoffs1 is 2x2")),
                arguments(Named.of("missing matrix", (Construction) () -> game(OK, null)),
                        List.of("both payoff matrices are required")),
                arguments(Named.of("too many labels", (Construction) () -> new MatrixGame("g", "", "",
                                List.of("C", "D", "E"), CD, OK, OK)),
                        List.of("actions1 has 3 labels but the payoffs have 2 actions")),
                arguments(Named.of("too few labels", (Construction) () -> new MatrixGame("g", "", "",
                                CD, List.of("C"), OK, OK)),
                        List.of("actions2 has 1 labels but the payoffs have 2 actions")),
                arguments(Named.of("duplicate labels", (Construction) () -> new MatrixGame("g", "", "",
                                List.of("C", "C"), CD, OK, OK)),
                        List.of("actions1 [C, C]", "distinct")),
                arguments(Named.of("blank label", (Construction) () -> new MatrixGame("g", "", "",
                                CD, List.of("C", " "), OK, OK)),
                        List.of("actions2", "non-empty")));
    }

    private static MatrixGame game(double[][] payoff1, double[][] payoff2) {
        return new MatrixGame("g", "test", "", null, null, payoff1, payoff2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedGames")
    void isRejectedWithAMessageNamingTheBadValue(Construction construction, List<String> fragments) {
        InvalidModelException e = assertThrows(InvalidModelException.class, construction::build);
        String message = e.getMessage();
        assertTrue(message.startsWith("game 'g': "), message);
        assertTrue(message.indexOf('\n') < 0, "one line: " + message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "message should contain '" + fragment + "': " + message);
        }
    }

    @Test
    void wellFormedGamesAreAccepted() {
        assertDoesNotThrow(() -> game(OK, OK));
        assertDoesNotThrow(() -> new MatrixGame("g", null, null, List.of("a", "b"), List.of("x", "y", "z"),
                new double[][] {{1, 2, 3}, {4, 5, 6}}, new double[][] {{0, 0, 0}, {-1e300, 1e300, 0}}));
    }
}
