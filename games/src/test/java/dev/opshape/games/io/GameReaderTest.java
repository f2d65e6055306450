package dev.opshape.games.io;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.MatrixGame;
import dev.opshape.tabular.InvalidModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GameReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsAnAsymmetricGameWithEveryField() {
        MatrixGame game = GameReader.fromJson("""
                {"name": "my-bos", "description": "a coordination game", "source": "made up",
                 "actions1": ["B", "S"], "actions2": ["b", "s"],
                 "payoffs1": [[2, 0], [0, 1]], "payoffs2": [[1, 0], [0, 2.5]]}""");
        assertEquals("my-bos", game.name());
        assertEquals("a coordination game", game.description());
        assertEquals("made up", game.source());
        assertEquals(List.of("B", "S"), game.actions(0));
        assertEquals(List.of("b", "s"), game.actions(1));
        assertArrayEquals(new double[][] {{2, 0}, {0, 1}}, game.payoffMatrix(0));
        assertArrayEquals(new double[][] {{1, 0}, {0, 2.5}}, game.payoffMatrix(1));
    }

    @Test
    void omittedPayoffs2MeansTheTransposeAndSharedLabels() {
        MatrixGame game = GameReader.fromJson("""
                {"actions1": ["C", "D"], "payoffs1": [[3, 0], [5, 1]]}""");
        assertArrayEquals(new double[][] {{3, 5}, {0, 1}}, game.payoffMatrix(1));
        assertEquals(List.of("C", "D"), game.actions(1));
        assertTrue(game.isSymmetric());
        assertEquals(GameReader.DEFAULT_INLINE_NAME, game.name());
        // the classic Axelrod payoffs satisfy both PD conditions
        assertEquals(List.of("T>R>P>S", "2R>T+S"), game.dilemma().holding());
    }

    @Test
    void symmetricGameMayRepeatIdenticalActions2() {
        MatrixGame game = GameReader.fromJson("""
                {"actions1": ["C", "D"], "actions2": ["C", "D"], "payoffs1": [[3, 0], [5, 1]]}""");
        assertTrue(game.isSymmetric());
    }

    @Test
    void labelsDefaultToActionIndices() {
        MatrixGame game = GameReader.fromJson("{\"payoffs1\": [[1, 2, 3], [4, 5, 6]], "
                + "\"payoffs2\": [[0, 0, 0], [0, 0, 0]]}");
        assertEquals(List.of("0", "1"), game.actions(0));
        assertEquals(List.of("0", "1", "2"), game.actions(1));
    }

    @Test
    void fileNameIsTheDefaultName() throws IOException {
        Path file = dir.resolve("my-pd.json");
        Files.writeString(file, "{\"payoffs1\": [[3, 0], [5, 1]]}");
        assertEquals("my-pd", GameReader.fromFile(file).name());
        Path named = dir.resolve("other.json");
        Files.writeString(named, "{\"name\": \"pd2\", \"payoffs1\": [[3, 0], [5, 1]]}");
        assertEquals("pd2", GameReader.fromFile(named).name());
    }

    @Test
    void everyBuiltInGameRoundTripsThroughTheWriter() throws IOException {
        for (MatrixGame game : BuiltInGames.all()) {
            assertEquals(game, GameReader.fromJson(GameWriter.toJson(game)), game.name());
            Path file = dir.resolve(game.name() + ".json");
            Files.writeString(file, GameWriter.toJson(game));
            MatrixGame read = GameReader.fromFile(file);
            assertEquals(game, read, game.name());
            assertEquals(game.description(), read.description());
            assertEquals(game.source(), read.source());
        }
    }

    @Test
    void writerEmitsTheDocumentedFieldsInOrder() {
        String json = GameWriter.toJson(BuiltInGames.IPD);
        int previous = -1;
        for (String field : List.of("name", "description", "source", "actions1", "actions2", "payoffs1",
                "payoffs2")) {
            int at = json.indexOf("\"" + field + "\"");
            assertTrue(at > previous, field + " in order in " + json);
            previous = at;
        }
        assertTrue(GameWriter.toTree(BuiltInGames.IPD).get("payoffs2").get(1).get(0).isNumber());
    }

    /** Malformed inline documents: the fragments the one-line message must contain. */
    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", "", List.of("is empty", "payoffs1 is required")),
                Arguments.of("blank", "   \n ", List.of("is empty")),
                Arguments.of("not JSON", "payoffs", List.of("not valid JSON at line 1", "column")),
                Arguments.of("unterminated", "{\"payoffs1\": [[1, 2], [3, 4]]",
                        List.of("not valid JSON at line 1")),
                Arguments.of("single quotes", "{'payoffs1': [[1, 2], [3, 4]]}", List.of("not valid JSON")),
                Arguments.of("trailing comma", "{\"payoffs1\": [[1, 2], [3, 4]],}", List.of("not valid JSON")),
                Arguments.of("two objects", "{\"payoffs1\": [[1, 2], [3, 4]]} {}",
                        List.of("unexpected content after the game object", "exactly one JSON object")),
                Arguments.of("array root", "[[1, 2], [3, 4]]", List.of("holds an array, not a JSON object")),
                Arguments.of("number root", "3", List.of("holds a number (3), not a JSON object")),
                Arguments.of("duplicate field", "{\"payoffs1\": [[1, 2], [3, 4]], \"payoffs1\": [[1, 2], [3, 4]]}",
                        List.of("Duplicate field 'payoffs1'")),
                Arguments.of("unknown field", "{\"payoff1\": [[1, 2], [3, 4]]}",
                        List.of("unknown field 'payoff1'", "allowed fields: name, description, source, actions1, "
                                + "actions2, payoffs1, payoffs2")),
                Arguments.of("missing payoffs1", "{\"name\": \"x\"}",
                        List.of("missing field 'payoffs1'", "finite numbers")),
                Arguments.of("null payoffs1", "{\"payoffs1\": null}", List.of("missing field 'payoffs1'")),
                Arguments.of("blank name", "{\"name\": \" \", \"payoffs1\": [[1, 2], [3, 4]]}",
                        List.of("field 'name' is blank", "non-empty string")),
                Arguments.of("number as name", "{\"name\": 5, \"payoffs1\": [[1, 2], [3, 4]]}",
                        List.of("field name is a number (5)", "name must be a non-empty string")),
                Arguments.of("string payoff", "{\"payoffs1\": [[1, \"2\"], [3, 4]]}",
                        List.of("field payoffs1[0][1] is a string (\"2\")", "payoffs1 must be an array of")),
                Arguments.of("boolean payoff", "{\"payoffs1\": [[1, true], [3, 4]]}",
                        List.of("field payoffs1[0][1] is a boolean (true)")),
                Arguments.of("null payoff", "{\"payoffs1\": [[1, null], [3, 4]]}",
                        List.of("field payoffs1[0][1] is null")),
                Arguments.of("null row", "{\"payoffs1\": [[1, 2], null]}", List.of("field payoffs1[1] is null")),
                Arguments.of("matrix is a number", "{\"payoffs1\": 3}", List.of("field payoffs1 is a number (3)")),
                Arguments.of("row is a number", "{\"payoffs1\": [1, 2]}",
                        List.of("field payoffs1[0] is a number (1)")),
                Arguments.of("object payoff", "{\"payoffs1\": [[1, {}], [3, 4]]}",
                        List.of("field payoffs1[0][1] is an object")),
                Arguments.of("number label", "{\"actions1\": [1, 2], \"payoffs1\": [[1, 2], [3, 4]]}",
                        List.of("field actions1[0] is a number (1)", "actions1 must be an array of distinct")),
                Arguments.of("string actions", "{\"actions1\": \"CD\", \"payoffs1\": [[1, 2], [3, 4]]}",
                        List.of("field actions1 is a string (\"CD\")")),
                Arguments.of("null label", "{\"actions1\": [\"C\", null], \"payoffs1\": [[1, 2], [3, 4]]}",
                        List.of("field actions1[1] is null")),
                Arguments.of("NaN payoff", "{\"payoffs1\": [[1, NaN], [3, 4]]}",
                        List.of("payoffs1[0][1] = NaN", "payoffs must be finite numbers")),
                Arguments.of("infinite payoff", "{\"payoffs1\": [[1, 2], [-Infinity, 4]]}",
                        List.of("payoffs1[1][0] = -Infinity", "finite")),
                Arguments.of("overflowing payoff", "{\"payoffs1\": [[1, 2], [3, 1e999]]}",
                        List.of("payoffs1[1][1] = Infinity", "finite")),
                Arguments.of("ragged", "{\"payoffs1\": [[1, 2], [3, 4]], \"payoffs2\": [[1, 2], [3]]}",
                        List.of("payoffs2 row 1 has 1 entries but row 0 has 2", "rectangular")),
                Arguments.of("ragged symmetric", "{\"payoffs1\": [[1, 2], [3]]}",
                        List.of("payoffs1 row 1 has 1 entries but row 0 has 2", "rectangular")),
                Arguments.of("ragged symmetric, longer row", "{\"payoffs1\": [[1, 2], [3, 4, 5]]}",
                        List.of("payoffs1 row 1 has 3 entries", "rectangular")),
                Arguments.of("one action", "{\"payoffs1\": [[1, 2]], \"payoffs2\": [[1, 2]]}",
                        List.of("payoffs1 has 1 rows", "at least 2 actions")),
                Arguments.of("empty matrix, symmetric", "{\"payoffs1\": []}",
                        List.of("payoffs1 has 0 rows", "at least 2 actions")),
                Arguments.of("empty rows, symmetric", "{\"payoffs1\": [[], []]}",
                        List.of("payoffs1 is 2x0", "square")),
                Arguments.of("non-square symmetric", "{\"payoffs1\": [[1, 2, 3], [4, 5, 6]]}",
                        List.of("payoffs2 is omitted", "payoffs1 is 2x3", "square")),
                Arguments.of("shape mismatch", "{\"payoffs1\": [[1, 2], [3, 4]], "
                        + "\"payoffs2\": [[1, 2, 3], [3, 4, 5]]}", List.of("payoffs2 is 2x3 but payoffs1 is 2x2")),
                Arguments.of("too few labels", "{\"actions1\": [\"C\"], \"payoffs1\": [[1, 2], [3, 4]]}",
                        List.of("actions1 has 1 labels but the payoffs have 2 actions")),
                Arguments.of("repeated labels", "{\"actions1\": [\"C\", \"C\"], \"payoffs1\": [[1, 2], [3, 4]]}",
                        List.of("actions1 [C, C] must be distinct")),
                Arguments.of("actions2 differs in a symmetric game",
                        "{\"actions1\": [\"C\", \"D\"], \"actions2\": [\"c\", \"d\"], \"payoffs1\": [[1, 2], [3, 4]]}",
                        List.of("actions2 [c, d] differs from actions1 [C, D]", "omit actions2 or give payoffs2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedInlineJsonGivesOneLineNamingTheProblem(String label, String json, List<String> fragments) {
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> GameReader.fromJson(json));
        String message = e.getMessage();
        assertTrue(message.startsWith("inline game JSON"), message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "'" + fragment + "' missing from: " + message);
        }
        assertUserReady(message);
    }

    @Test
    void malformedFileIsNamedInTheMessage() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\n  \"payoffs1\": [[1, 2],\n   [3, 4]]\n  \"name\": \"x\"\n}");
        String message = assertThrows(InvalidModelException.class, () -> GameReader.fromFile(file)).getMessage();
        assertTrue(message.startsWith("game file '" + file + "': not valid JSON at line 4, column 3"), message);
        assertUserReady(message);
    }

    @Test
    void missingFileIsReported() {
        Path file = dir.resolve("absent.json");
        String message = assertThrows(InvalidModelException.class, () -> GameReader.fromFile(file)).getMessage();
        assertEquals("game file '" + file + "' cannot be read: no such file", message);
    }

    @Test
    void directoryIsReportedAsUnreadable() {
        String message = assertThrows(InvalidModelException.class, () -> GameReader.fromFile(dir)).getMessage();
        assertTrue(message.startsWith("game file '" + dir + "' cannot be read: "), message);
        assertUserReady(message);
    }

    @Test
    void invalidUtf8IsAParseError() throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, "{\"name\": \"caf\u00e9\", \"payoffs1\": [[1, 2], [3, 4]]}"
                .getBytes(StandardCharsets.ISO_8859_1));
        String message = assertThrows(InvalidModelException.class, () -> GameReader.fromFile(file)).getMessage();
        assertTrue(message.contains("not valid JSON"), message);
        assertUserReady(message);
    }

    private static void assertUserReady(String message) {
        assertFalse(message.contains("\n") || message.contains("\r"), () -> "more than one line: " + message);
        for (String leak : List.of("com.fasterxml", "jackson", "Jackson", "[Source", "`", "Exception", "at [")) {
            assertFalse(message.contains(leak), () -> "'" + leak + "' leaks into: " + message);
        }
    }
}
