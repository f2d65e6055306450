package dev.opshape.games.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opshape.games.MatrixGame;

/**
 * Writes a game in the JSON game format ({@link GameDocument}), in its explicit form (both action lists and both
 * payoff matrices), so that {@link GameReader} reads it back to an equal game.
 */
public final class GameWriter {

    private GameWriter() {
    }

    /** The game as a pretty-printed JSON object (no trailing newline). */
    public static String toJson(MatrixGame game) {
        return GameDocument.FORMAT.toJson(GameDocument.of(game));
    }

    /** The game as a JSON tree, for embedding in a larger document. */
    public static JsonNode toTree(MatrixGame game) {
        return GameDocument.FORMAT.toTree(GameDocument.of(game));
    }
}
