package dev.opshape.games.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.opshape.games.MatrixGame;
import dev.opshape.tabular.InvalidModelException;
import dev.opshape.tabular.io.StrictJsonFormat;

import java.util.List;
import java.util.Map;

/**
 * The JSON game format: one JSON object with these fields (every field but {@code payoffs1} may be omitted).
 *
 * <pre>{@code
 * {
 *   "name":        "my-pd",                      // short identifier; default: the file name without .json
 *   "description": "a prisoner's dilemma",       // one line; default ""
 *   "source":      "Axelrod 1984",               // citation for the payoffs; default ""
 *   "actions1":    ["C", "D"],                   // agent 1's action labels; default "0", "1", ...
 *   "actions2":    ["C", "D"],                   // agent 2's action labels
 *   "payoffs1":    [[3, 0], [5, 1]],             // agent 1's rewards, n rows (agent 1's actions) x m columns
 *   "payoffs2":    [[3, 5], [0, 1]]              // agent 2's rewards, same n x m shape, same orientation
 * }
 * }</pre>
 *
 * <p>Both matrices are indexed {@code [a1][a2]}: the row is agent 1's action and the column agent 2's, so
 * {@code payoffs2[a1][a2]} is agent 2's reward when agent 1 plays a1 and agent 2 plays a2. Rewards: higher is
 * better. Omitting {@code payoffs2} declares a <em>symmetric</em> game: {@code payoffs1} must be square, agent 2's
 * payoffs are its transpose and agent 2 uses agent 1's action labels ({@code actions2} must then be omitted or equal
 * to {@code actions1}). Unknown fields are errors, so a misspelt field is never silently ignored.
 *
 * <p>Instances are the data-binding form of a document; {@link #toGame(String)} validates and converts it.
 *
 * @param name        short identifier, or null for the reader's default
 * @param description one-line human description, or null
 * @param source      citation for the payoffs, or null
 * @param actions1    agent 1's action labels (one per row), or null for "0", "1", ...
 * @param actions2    agent 2's action labels (one per column), or null
 * @param payoffs1    agent 1's n x m rewards (required)
 * @param payoffs2    agent 2's n x m rewards, or null for a symmetric game
 */
@JsonPropertyOrder({"name", "description", "source", "actions1", "actions2", "payoffs1", "payoffs2"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GameDocument(
        @JsonPropertyDescription("a non-empty string")
        String name,
        @JsonPropertyDescription("a string")
        String description,
        @JsonPropertyDescription("a string")
        String source,
        @JsonSetter(contentNulls = Nulls.FAIL)
        @JsonPropertyDescription("an array of distinct, non-empty strings, one per row of the payoffs")
        List<String> actions1,
        @JsonSetter(contentNulls = Nulls.FAIL)
        @JsonPropertyDescription("an array of distinct, non-empty strings, one per column of the payoffs")
        List<String> actions2,
        @JsonSetter(contentNulls = Nulls.FAIL)
        @JsonPropertyDescription("an array of n >= 2 rows of m >= 2 finite numbers (rows = agent 1's actions)")
        double[][] payoffs1,
        @JsonSetter(contentNulls = Nulls.FAIL)
        @JsonPropertyDescription("an array of n rows of m finite numbers, shaped like payoffs1, or omitted for a "
                + "symmetric game")
        double[][] payoffs2) {

    /**
     * What each field accepts, in document order: the words used in error messages (kept next to the fields so
     * that the messages cannot drift from the format).
     */
    /** The strict format, shared by the reader and the writer. */
    static final StrictJsonFormat<GameDocument> FORMAT =
            new StrictJsonFormat<>("game", GameDocument.class, ", of which only payoffs1 is required");

    /** What each field accepts, in document order (the words of error messages). */
    static final Map<String, String> ALLOWED = FORMAT.allowed();

    /**
     * The document of a game, in the explicit form: both action lists and both payoff matrices are written, so the
     * result reads back to an equal game whether or not it is symmetric.
     */
    public static GameDocument of(MatrixGame game) {
        return new GameDocument(game.name(), game.description(), game.source(), game.actions(0), game.actions(1),
                game.payoffMatrix(0), game.payoffMatrix(1));
    }

    /**
     * Validates the document and builds the game.
     *
     * @param defaultName the name to use when the document has none
     * @throws InvalidModelException naming the field and what it accepts, when a field is missing, blank, or does
     *                              not fit the others (shapes, labels, finiteness)
     */
    public MatrixGame toGame(String defaultName) {
        if (payoffs1 == null) {
            throw new InvalidModelException("missing field 'payoffs1'; it is required: " + ALLOWED.get("payoffs1"));
        }
        if (name != null && name.isBlank()) {
            throw new InvalidModelException("field 'name' is blank; it must be " + ALLOWED.get("name")
                    + " (or omitted)");
        }
        String gameName = name != null ? name.strip() : defaultName;
        if (payoffs2 != null) {
            return new MatrixGame(gameName, description, source, actions1, actions2, payoffs1, payoffs2);
        }
        // Symmetric form: agent 2 is agent 1 with the roles swapped, which only makes sense for a square matrix
        // and one set of action labels. Check the shape here, because transposing a ragged matrix is undefined.
        int rows = payoffs1.length;
        if (rows < 2) {
            throw new InvalidModelException("game '" + gameName + "': payoffs1 has " + rows
                    + " rows; at least 2 actions per agent are required");
        }
        for (int i = 1; i < rows; i++) {
            if (payoffs1[i].length != payoffs1[0].length) {
                throw new InvalidModelException("game '" + gameName + "': payoffs1 row " + i + " has "
                        + payoffs1[i].length + " entries but row 0 has " + payoffs1[0].length
                        + "; the matrix must be rectangular");
            }
        }
        if (payoffs1[0].length != rows) {
            throw new InvalidModelException("game '" + gameName + "': payoffs2 is omitted, which declares a "
                    + "symmetric game, but payoffs1 is " + rows + "x" + payoffs1[0].length + "; a symmetric game "
                    + "needs a square payoffs1 (give payoffs2 for an asymmetric game)");
        }
        if (actions2 != null && !actions2.equals(actions1)) {
            throw new InvalidModelException("game '" + gameName + "': actions2 " + actions2 + " differs from "
                    + "actions1 " + actions1 + " but payoffs2 is omitted (a symmetric game); omit actions2 or give "
                    + "payoffs2 as well");
        }
        return MatrixGame.symmetric(gameName, description, source, actions1, payoffs1);
    }
}
