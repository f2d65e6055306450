package dev.opshape.games.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.opshape.games.MatrixGame;

/**
 * Writes a game in the JSON game format ({@link GameDocument}), in its explicit form (both action lists and both
 * payoff matrices), so that {@link GameReader} reads it back to an equal game.
 */
public final class GameWriter {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private GameWriter() {
    }

    /** The game as a pretty-printed JSON object (no trailing newline). */
    public static String toJson(MatrixGame game) {
        try {
            return MAPPER.writeValueAsString(GameDocument.of(game));
        } catch (JsonProcessingException e) {
            // A record of strings, lists and finite doubles always serialises.
            throw new IllegalStateException("cannot serialise game '" + game.name() + "'", e);
        }
    }

    /** The game as a JSON tree, for embedding in a larger document. */
    public static JsonNode toTree(MatrixGame game) {
        return MAPPER.valueToTree(GameDocument.of(game));
    }
}
