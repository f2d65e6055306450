package dev.opshape.cli.option;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.io.GameWriter;
import dev.opshape.tabular.InvalidModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GameArgumentTest {

    @TempDir
    Path dir;

    @Test
    void builtInNamesAreCaseInsensitive() {
        assertSame(BuiltInGames.IPD, GameArgument.resolve("IPD"));
        assertSame(BuiltInGames.STAG_HUNT, GameArgument.resolve(" stag-hunt "));
    }

    @Test
    void filesAndInlineJson() throws IOException {
        Path file = dir.resolve("chicken-copy");
        Files.writeString(file, GameWriter.toJson(BuiltInGames.CHICKEN));
        MatrixGame fromFile = GameArgument.resolve(file.toString());
        assertEquals(BuiltInGames.CHICKEN, fromFile);
        MatrixGame inline = GameArgument.resolve("{\"name\": \"pd\", \"payoffs1\": [[3, 0], [5, 1]]}");
        assertEquals("pd", inline.name());
    }

    @Test
    void unknownNameListsWhatIsAllowed() {
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> GameArgument.resolve("pd"));
        assertTrue(e.getMessage().startsWith("unknown game 'pd'; allowed: a built-in game (ipd, axelrod-pd, imp, stag-hunt, "
                + "chicken, bos, rps), a path to a JSON game file, or inline JSON"), e.getMessage());
    }

    @Test
    void pathLikeTextIsReadAsAFile() {
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> GameArgument.resolve("games/pd.json"));
        assertEquals("game file 'games/pd.json' cannot be read: no such file", e.getMessage());
    }
}
