package dev.opshape.tabular.mdp;

import dev.opshape.tabular.InvalidModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON MDP format: round trips, defaults, and strict one-line refusals naming the field. */
class MdpReaderTest {

    private static final String TWO_ROOMS = """
            {"name": "two-rooms", "states": ["left", "right"], "actions": ["stay", "move"], "startState": 1,
             "transitions": [[[1, 0], [0.1, 0.9]], [[0, 1], [0.9, 0.1]]],
             "rewards": [[0, 0], [1, 0.5]]}""";

    @Test
    void readsEveryField() {
        TabularMdp mdp = MdpReader.fromJson(TWO_ROOMS);
        assertEquals("two-rooms", mdp.name());
        assertEquals(List.of("left", "right"), mdp.stateLabels());
        assertEquals(List.of("stay", "move"), mdp.actionLabels());
        assertArrayEquals(new double[] {0, 1}, mdp.startDistribution());
        assertEquals(0.9, mdp.transition(0, 1, 1));
        assertEquals(0.5, mdp.reward(1, 1));
    }

    @Test
    void defaultsLabelsAndStartState() {
        TabularMdp mdp = MdpReader.fromJson("{\"transitions\": [[[1], [1]]], \"rewards\": [[1, 2]]}");
        assertEquals(MdpReader.DEFAULT_INLINE_NAME, mdp.name());
        assertEquals(List.of("s0"), mdp.stateLabels());
        assertEquals(List.of("a0", "a1"), mdp.actionLabels());
        assertArrayEquals(new double[] {1}, mdp.startDistribution());
    }

    @Test
    void randomMdpsRoundTripExactly(@TempDir Path dir) throws IOException {
        for (int index = 0; index < 3; index++) {
            TabularMdp mdp = RandomMdps.PAPER.draw(99, index);
            assertEquals(mdp, MdpReader.fromJson(MdpWriter.toJson(mdp)));
            Path file = dir.resolve("m" + index + ".json");
            Files.writeString(file, MdpWriter.toJson(mdp), StandardCharsets.UTF_8);
            assertEquals(mdp, MdpReader.fromFile(file));
        }
        double[] start = {0.25, 0.75};
        TabularMdp spread = TabularMdp.of("spread", new double[][][] {{{1, 0}, {0, 1}}, {{0.5, 0.5}, {1, 0}}},
                new double[][] {{1, 2}, {3, 4}}, start);
        TabularMdp back = MdpReader.fromJson(MdpWriter.toJson(spread));
        assertEquals(spread, back);
        assertFalse(MdpWriter.toJson(spread).contains("startState"));
    }

    @Test
    void aFileWithoutANameIsNamedAfterIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("corridor.json");
        Files.writeString(file, "{\"transitions\": [[[1], [1]]], \"rewards\": [[0, 1]]}");
        assertEquals("corridor", MdpReader.fromFile(file).name());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"rewards\": [[0, 1]]}|missing field 'transitions'",
        "{\"transitions\": [[[1], [1]]]}|missing field 'rewards'",
        "{\"transitions\": [[[1], [1]]], \"rewards\": [[0, 1]], \"reward\": 1}|unknown field 'reward'",
        "{\"transitions\": [[[1], [1]]], \"rewards\": [[0, \"1\"]]}|field rewards[0][1] is a string",
        "{\"transitions\": [[[1], [1]]], \"rewards\": [[0, 1]], \"startState\": 1.5}|startState",
        "{\"transitions\": [[[1], [1]]], \"rewards\": [[0, 1]], \"startState\": 3}|startState 3 is outside 0..0",
        "{\"transitions\": [[[1], [1]]], \"rewards\": [[0, 1]], \"startState\": 0, \"start\": [1]}|both startState",
        "{\"transitions\": [[[0.5, 0.4], [1, 0]], [[0, 1], [0, 1]]], \"rewards\": [[0, 1], [0, 0]]}|sums to 0.9",
        "{\"transitions\": [[[1.5, -0.5], [1, 0]], [[0, 1], [0, 1]]], \"rewards\": [[0, 1], [0, 0]]}|-0.5",
        "{\"transitions\": [[[1, 0], [1]], [[0, 1], [0, 1]]], \"rewards\": [[0, 1], [0, 0]]}|transitions[0][1] has 1",
        "{\"transitions\": [[[1], [1]]], \"rewards\": [[0, NaN]]}|must be finite",
        "{\"transitions\": [[[1]]], \"rewards\": [[0]]}|at least 2",
        "{\"transitions\": [], \"rewards\": []}|transitions is empty",
        "{\"transitions\": [[[1], [1]]], \"rewards\": [[0, 1]], \"states\": [\"a\", \"b\"]}|states has 2 labels",
        "{\"transitions\": [[[1], [1]]], \"rewards\": [[0, 1]]} {}|unexpected content after the MDP object",
        "[1, 2]|holds an array, not a JSON object",
        "{\"transitions\": [[[1], [1]]], \"rewards\": [[0, 1]], \"name\": \" \"}|field 'name' is blank",
        "{\"transitions\": [[[1], [1]]], \"rewards\": [[0, 1]], \"actions\": [\"x\", \"x\"]}|distinct"})
    void refusesBadDocumentsWithOneLine(String json, String fragment) {
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> MdpReader.fromJson(json));
        assertTrue(e.getMessage().startsWith("inline MDP JSON"), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains("com.fasterxml"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> MdpReader.fromFile(dir.resolve("none.json")));
        assertTrue(e.getMessage().contains("none.json' cannot be read: no such file"), e.getMessage());
    }

    /**
     * Files are read only if they are regular files of bounded size: a directory, a device (when the machine has
     * /dev/zero) and a file one byte above the limit are refused with one line before anything is read.
     */
    @Test
    void refusesDirectoriesDevicesAndOversizedFiles(@TempDir Path dir) throws IOException {
        InvalidModelException directory = assertThrows(InvalidModelException.class, () -> MdpReader.fromFile(dir));
        assertTrue(directory.getMessage().contains("it is a directory"), directory.getMessage());
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            InvalidModelException device = assertThrows(InvalidModelException.class,
                    () -> MdpReader.fromFile(zero));
            assertTrue(device.getMessage().contains("not a regular file"), device.getMessage());
        }
        Path big = dir.resolve("big.json");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(dev.opshape.tabular.io.StrictJsonFormat.MAX_FILE_BYTES + 1);
        }
        InvalidModelException oversized = assertThrows(InvalidModelException.class, () -> MdpReader.fromFile(big));
        assertTrue(oversized.getMessage().contains("at most 67108864"), oversized.getMessage());
        assertFalse(oversized.getMessage().contains("\n"));
    }
}
