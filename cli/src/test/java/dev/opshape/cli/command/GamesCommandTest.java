package dev.opshape.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opshape.cli.CommandRun;
import dev.opshape.cli.ExitCode;
import dev.opshape.games.BuiltInGames;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.io.GameReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GamesCommandTest {

    @TempDir
    Path dir;

    @Test
    void textListsEveryBuiltInGameWithPayoffsSourceAndDilemma() {
        CommandRun run = CommandRun.of("games");
        assertEquals(0, run.exitCode(), run::toString);
        for (MatrixGame game : BuiltInGames.all()) {
            assertTrue(run.out().contains("\n" + game.name() + ": " + game.description() + "\n"), game.name());
            assertTrue(run.out().contains("source:  " + game.source()), game.name());
        }
        assertTrue(run.out().contains("prisoner's dilemma (T>R>P>S, 2R>T+S); R=-1 S=-3 T=0 P=-2"), run.out());
        // the IPD bimatrix, cells "agent 1's reward, agent 2's", right-aligned
        assertTrue(run.out().contains("    C  -1, -1   -3, 0\n    D   0, -3  -2, -2\n"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void jsonGamesLoadBackAsTheBuiltIns() throws IOException {
        CommandRun run = CommandRun.of("games", "--json");
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode json = run.json();
        assertEquals("opshape-games/1", json.get("manifest").get("schema").textValue());
        JsonNode games = json.get("games");
        assertEquals(BuiltInGames.all().size(), games.size());
        for (int i = 0; i < games.size(); i++) {
            MatrixGame expected = BuiltInGames.all().get(i);
            JsonNode entry = games.get(i);
            // .games[i].game is a game file
            Path file = dir.resolve(expected.name() + ".json");
            Files.writeString(file, entry.get("game").toString());
            assertEquals(expected, GameReader.fromFile(file));
            assertEquals(expected.isSymmetric(), entry.get("symmetric").booleanValue());
            assertEquals(expected.isConstantSum(), entry.get("constantSum").booleanValue());
            List<String> holding = new ArrayList<>();
            entry.get("dilemma").get("holding").forEach(h -> holding.add(h.textValue()));
            assertEquals(expected.dilemma().holding(), holding);
            assertEquals(expected.dilemma().summary(), entry.get("dilemma").get("summary").textValue());
            assertEquals(expected.dilemma().applicable(), entry.get("dilemma").has("R"));
        }
        JsonNode ipd = games.get(0).get("dilemma");
        assertEquals(-1.0, ipd.get("R").doubleValue());
        assertEquals(-3.0, ipd.get("S").doubleValue());
        assertEquals(0.0, ipd.get("T").doubleValue());
        assertEquals(-2.0, ipd.get("P").doubleValue());
    }

    @Test
    void showsAGivenGameFileAndInlineGame() throws IOException {
        Path file = dir.resolve("axelrod.json");
        Files.writeString(file, "{\"description\": \"Axelrod's tournament payoffs\", \"actions1\": [\"C\", \"D\"],"
                + " \"payoffs1\": [[3, 0], [5, 1]]}");
        CommandRun run = CommandRun.of("games", "--json", file.toString(), "chicken",
                "{\"name\": \"asym\", \"payoffs1\": [[1, 2, 3], [4, 5, 6]], \"payoffs2\": [[0, 0, 0], [0, 0, 1]]}");
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode games = run.json().get("games");
        assertEquals(3, games.size());
        assertEquals("axelrod", games.get(0).get("game").get("name").textValue());
        assertEquals("prisoner's dilemma (T>R>P>S, 2R>T+S)",
                games.get(0).get("dilemma").get("summary").textValue());
        assertEquals("chicken", games.get(1).get("game").get("name").textValue());
        assertEquals("asym", games.get(2).get("game").get("name").textValue());
        assertFalse(games.get(2).get("dilemma").get("applicable").booleanValue());

        CommandRun text = CommandRun.of("games", file.toString());
        assertTrue(text.out().contains("axelrod: Axelrod's tournament payoffs"), text.out());
        assertTrue(text.out().contains("source:  (none given)"), text.out());
    }

    @Test
    void badGameIsBadInput() {
        CommandRun unknown = CommandRun.of("games", "nosuch");
        assertEquals(ExitCode.BAD_INPUT, unknown.exitCode());
        unknown.assertOneErrorLine();
        assertTrue(unknown.err().startsWith("opshape games: Invalid value for GAME: unknown game 'nosuch'"),
                unknown::toString);

        CommandRun malformed = CommandRun.of("games", "--json", "{\"payoffs1\": [[1, \"x\"], [3, 4]]}");
        assertEquals(ExitCode.BAD_INPUT, malformed.exitCode());
        malformed.assertOneErrorLine();
        assertTrue(malformed.err().contains("field payoffs1[0][1] is a string"), malformed::toString);
    }
}
