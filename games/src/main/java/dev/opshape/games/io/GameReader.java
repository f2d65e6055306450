package dev.opshape.games.io;

import dev.opshape.games.MatrixGame;
import dev.opshape.tabular.InvalidModelException;
import dev.opshape.tabular.io.StrictJsonFormat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads a game in the JSON game format ({@link GameDocument}) from a file or from a JSON string.
 *
 * <p>Reading is strict, because a game file that is read "approximately" gives silently wrong numbers: unknown or
 * duplicate fields, strings where numbers belong (and numbers where labels belong), nulls, trailing content, ragged
 * or non-square matrices and non-finite payoffs are all rejected. Every failure is an {@link InvalidModelException}
 * whose message is one line naming the file (or "inline game JSON"), the field and what the field accepts; no
 * parser stack or class names leak into it.
 *
 * <p>{@code NaN} and {@code Infinity} tokens are parsed (they are not JSON, but people write them) only so that the
 * message can say "payoffs must be finite numbers" instead of a generic syntax error.
 */
public final class GameReader {

    /** Name given to an inline game that has no {@code name} field. */
    public static final String DEFAULT_INLINE_NAME = "custom";

    private GameReader() {
    }

    /**
     * Reads the game in a JSON file. Without a {@code name} field the game is named after the file, less a
     * {@code .json} extension.
     *
     * @throws InvalidModelException if the file cannot be read or does not hold a valid game
     */
    public static MatrixGame fromFile(Path file) {
        String origin = "game file '" + file + "'";
        byte[] content = StrictJsonFormat.readFile(file, origin);
        return read(content, origin, StrictJsonFormat.nameOf(file, DEFAULT_INLINE_NAME));
    }

    /**
     * Reads a game from JSON text (for example a command-line argument). Without a {@code name} field the game is
     * named {@value #DEFAULT_INLINE_NAME}.
     *
     * @throws InvalidModelException if the text does not hold a valid game
     */
    public static MatrixGame fromJson(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8), "inline game JSON", DEFAULT_INLINE_NAME);
    }

    private static MatrixGame read(byte[] content, String origin, String defaultName) {
        GameDocument document = GameDocument.FORMAT.read(content, origin);
        try {
            return document.toGame(defaultName);
        } catch (InvalidModelException e) {
            throw new InvalidModelException(origin + ": " + e.getMessage(), e);
        }
    }
}
