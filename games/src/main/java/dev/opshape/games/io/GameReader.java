package dev.opshape.games.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.opshape.games.MatrixGame;
import dev.opshape.tabular.InvalidModelException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

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

    private static final String FORMAT_HINT = "a game is a JSON object with the fields "
            + String.join(", ", GameDocument.ALLOWED.keySet()) + ", of which only payoffs1 is required";

    /** Jackson's messages sometimes embed the input source; the location is reported separately. */
    private static final Pattern SOURCE_REFERENCE =
            Pattern.compile("\\s*\\(?\\s*(start marker at )?\\[Source:.*?]\\)?");

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // "3" is not a payoff and 3 is not an action label: no silent conversions between strings and numbers.
            .withCoercionConfig(LogicalType.Float, c -> c
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

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
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidModelException(origin + " cannot be read: no such file", e);
        } catch (AccessDeniedException e) {
            throw new InvalidModelException(origin + " cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new InvalidModelException(origin + " cannot be read: " + oneLine(String.valueOf(e.getMessage())),
                    e);
        }
        String fileName = file.getFileName() == null ? DEFAULT_INLINE_NAME : file.getFileName().toString();
        String defaultName = fileName.toLowerCase(Locale.ROOT).endsWith(".json")
                ? fileName.substring(0, fileName.length() - ".json".length()) : fileName;
        return read(content, origin, defaultName.isBlank() ? DEFAULT_INLINE_NAME : defaultName);
    }

    /**
     * Reads a game from JSON text (for example a command-line argument). Without a {@code name} field the game is
     * named {@value #DEFAULT_INLINE_NAME}.
     *
     * @throws InvalidModelException if the text does not hold a valid game
     */
    public static MatrixGame fromJson(String json) {
        return read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "inline game JSON",
                DEFAULT_INLINE_NAME);
    }

    private static MatrixGame read(byte[] content, String origin, String defaultName) {
        JsonNode tree = parse(content, origin);
        GameDocument document;
        try {
            document = MAPPER.treeToValue(tree, GameDocument.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidModelException(origin + ": unknown field '" + e.getPropertyName() + "'; allowed fields: "
                    + String.join(", ", GameDocument.ALLOWED.keySet()), e);
        } catch (JsonMappingException e) {
            throw new InvalidModelException(origin + ": " + describeMismatch(e, tree), e);
        } catch (JacksonException e) {
            throw new InvalidModelException(origin + ": " + oneLine(e.getOriginalMessage()) + "; " + FORMAT_HINT, e);
        }
        try {
            return document.toGame(defaultName);
        } catch (InvalidModelException e) {
            throw new InvalidModelException(origin + ": " + e.getMessage(), e);
        }
    }

    /** Stage 1: is it one JSON object? Syntax errors are reported with their line and column. */
    private static JsonNode parse(byte[] content, String origin) {
        try (JsonParser parser = MAPPER.createParser(content)) {
            JsonNode tree = MAPPER.readTree(parser);
            if (tree == null || tree.isMissingNode()) {
                throw new InvalidModelException(origin + " is empty; " + FORMAT_HINT);
            }
            if (!tree.isObject()) {
                throw new InvalidModelException(origin + " holds " + kind(tree) + ", not a JSON object; "
                        + FORMAT_HINT);
            }
            if (parser.nextToken() != null) {
                throw new InvalidModelException(origin + ": unexpected content after the game object at "
                        + where(parser.currentTokenLocation()) + "; a game is exactly one JSON object");
            }
            return tree;
        } catch (JacksonException e) {
            throw new InvalidModelException(origin + ": not valid JSON at " + where(e.getLocation()) + ": "
                    + oneLine(e.getOriginalMessage()) + "; " + FORMAT_HINT, e);
        } catch (IOException e) {
            // Reading from a byte array cannot fail for I/O reasons; anything else is a parser fault.
            throw new InvalidModelException(origin + " cannot be parsed: " + oneLine(String.valueOf(e.getMessage())),
                    e);
        }
    }

    /** Stage 2: a well-formed object whose field has the wrong type or a null. */
    private static String describeMismatch(JsonMappingException e, JsonNode tree) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.isEmpty() || path.get(0).getFieldName() == null) {
            return oneLine(e.getOriginalMessage()) + "; " + FORMAT_HINT;
        }
        StringBuilder label = new StringBuilder(path.get(0).getFieldName());
        StringBuilder pointer = new StringBuilder("/").append(path.get(0).getFieldName());
        for (JsonMappingException.Reference reference : path.subList(1, path.size())) {
            if (reference.getIndex() >= 0) {
                label.append('[').append(reference.getIndex()).append(']');
                pointer.append('/').append(reference.getIndex());
            } else if (reference.getFieldName() != null) {
                label.append('.').append(reference.getFieldName());
                pointer.append('/').append(reference.getFieldName());
            }
        }
        String field = path.get(0).getFieldName();
        String allowed = GameDocument.ALLOWED.getOrDefault(field, "see the JSON game format");
        JsonNode found = tree.at(JsonPointer.compile(pointer.toString()));
        String problem = e instanceof InvalidNullException || found.isNull() ? "is null"
                : found.isMissingNode() ? "has the wrong type"
                : "is " + kind(found);
        return "field " + label + " " + problem + "; " + field + " must be " + allowed;
    }

    /** "a string", "an array", ... for messages. */
    private static String kind(JsonNode node) {
        switch (node.getNodeType()) {
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            case STRING:
                return "a string (\"" + abbreviate(node.asText()) + "\")";
            case NUMBER:
                return "a number (" + node.asText() + ")";
            case BOOLEAN:
                return "a boolean (" + node.asText() + ")";
            case NULL:
                return "null";
            default:
                return "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        }
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "an unknown position";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String abbreviate(String text) {
        String single = oneLine(text);
        return single.length() <= 40 ? single : single.substring(0, 37) + "...";
    }

    /** The first line of a message, without the source references Jackson embeds. */
    private static String oneLine(String message) {
        if (message == null) {
            return "unknown problem";
        }
        String cleaned = SOURCE_REFERENCE.matcher(message).replaceAll("");
        int newline = cleaned.indexOf('\n');
        return (newline < 0 ? cleaned : cleaned.substring(0, newline)).strip();
    }
}
