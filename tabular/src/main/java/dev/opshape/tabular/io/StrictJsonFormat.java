package dev.opshape.tabular.io;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.opshape.tabular.InvalidModelException;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A strict JSON document format bound to a record type (the game format, the MDP format): reading either yields
 * the document or fails with one line naming the origin, the field and what it accepts.
 *
 * <p>Strict, because a model file read "approximately" gives silently wrong numbers: unknown or duplicate fields,
 * strings where numbers belong (and numbers where labels belong), nulls, trailing content and non-objects are all
 * rejected. No parser stack or class names leak into messages. {@code NaN} and {@code Infinity} tokens are parsed
 * (they are not JSON, but people write them) only so that the document's own checks can say "must be finite"
 * instead of a generic syntax error.
 *
 * <p>The words each field accepts come from the {@link JsonPropertyDescription} on the record's fields, so the
 * messages cannot drift from the format. Immutable and thread-safe.
 *
 * @param <D> the document record
 */
public final class StrictJsonFormat<D extends Record> {

    /**
     * Largest document file read: {@value} bytes (64 MiB). The largest models the exact evaluators handle in
     * reasonable time are far smaller, so a larger file is a mistake (or a device) rather than a model.
     */
    public static final long MAX_FILE_BYTES = 64L << 20;

    /** Jackson's messages sometimes embed the input source; the location is reported separately. */
    private static final Pattern SOURCE_REFERENCE =
            Pattern.compile("\\s*\\(?\\s*(start marker at )?\\[Source:.*?]\\)?");

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // "3" is not a payoff and 3 is not a label: no silent conversions between strings and numbers.
            .withCoercionConfig(LogicalType.Float, c -> c
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, c -> c
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private static final JsonMapper WRITER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final String noun;
    private final Class<D> type;
    private final Map<String, String> allowed;
    private final String hint;

    /**
     * @param noun        what a document is, for messages ("game", "MDP")
     * @param type        the record the document binds to; every component's field carries a
     *                    {@link JsonPropertyDescription} saying what it accepts
     * @param requirement the end of the format hint after the field list, for example
     *                    {@code ", of which only payoffs1 is required"}
     */
    public StrictJsonFormat(String noun, Class<D> type, String requirement) {
        this.noun = noun;
        this.type = type;
        this.allowed = describedFields(type);
        this.hint = "a " + noun + " is a JSON object with the fields " + String.join(", ", allowed.keySet())
                + requirement;
    }

    /**
     * What each field of a document record accepts, in component order, from the descriptions on its fields.
     *
     * @throws IllegalArgumentException if a component's field has no description (a programming error)
     */
    public static Map<String, String> describedFields(Class<? extends Record> type) {
        Map<String, String> described = new LinkedHashMap<>();
        // Jackson's annotations cannot target record components, so they land on the record's fields.
        for (RecordComponent component : type.getRecordComponents()) {
            JsonPropertyDescription description;
            try {
                description = type.getDeclaredField(component.getName())
                        .getAnnotation(JsonPropertyDescription.class);
            } catch (NoSuchFieldException e) {
                throw new AssertionError("a record has a field per component", e);
            }
            if (description == null) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + component.getName()
                        + " has no @JsonPropertyDescription");
            }
            described.put(component.getName(), description.value());
        }
        return Collections.unmodifiableMap(described);
    }

    /** What each field accepts, in document order. */
    public Map<String, String> allowed() {
        return allowed;
    }

    /** The one-line description of the format that ends messages about its shape. */
    public String hint() {
        return hint;
    }

    /**
     * The bytes of a document file: a regular file (symbolic links followed) of at most {@link #MAX_FILE_BYTES}
     * bytes. Devices, pipes and directories are refused before anything is read, so that {@code /dev/zero} or a
     * FIFO cannot exhaust memory or block.
     *
     * @param origin how messages name the file, for example {@code game file 'x.json'}
     * @throws InvalidModelException naming the file and why it cannot be read
     */
    public static byte[] readFile(Path file, String origin) {
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new InvalidModelException(origin + " cannot be read: it is " + (Files.isDirectory(file)
                        ? "a directory" : "not a regular file (a device, pipe or socket)") + "; give a JSON file");
            }
            long size = Files.exists(file) ? Files.size(file) : 0;
            if (size > MAX_FILE_BYTES) {
                throw new InvalidModelException(origin + " cannot be read: it has " + size + " bytes; at most "
                        + MAX_FILE_BYTES + " (64 MiB) are accepted");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidModelException(origin + " cannot be read: no such file", e);
        } catch (AccessDeniedException e) {
            throw new InvalidModelException(origin + " cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new InvalidModelException(origin + " cannot be read: " + oneLine(String.valueOf(e.getMessage())),
                    e);
        }
    }

    /** The file's name less a {@code .json} extension, or the fallback when that is empty. */
    public static String nameOf(Path file, String fallback) {
        String fileName = file.getFileName() == null ? "" : file.getFileName().toString();
        String name = fileName.toLowerCase(Locale.ROOT).endsWith(".json")
                ? fileName.substring(0, fileName.length() - ".json".length()) : fileName;
        return name.isBlank() ? fallback : name;
    }

    /**
     * Parses and binds one document.
     *
     * @param origin how messages name the input
     * @throws InvalidModelException with one line naming the origin and the problem
     */
    public D read(byte[] content, String origin) {
        JsonNode tree = parse(content, origin);
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidModelException(origin + ": unknown field '" + e.getPropertyName() + "'; allowed fields: "
                    + String.join(", ", allowed.keySet()), e);
        } catch (JsonMappingException e) {
            throw new InvalidModelException(origin + ": " + describeMismatch(e, tree), e);
        } catch (JacksonException e) {
            throw new InvalidModelException(origin + ": " + oneLine(e.getOriginalMessage()) + "; " + hint, e);
        }
    }

    /**
     * A document as pretty-printed JSON (no trailing newline), fields in the record's declared order; doubles in
     * their shortest round-tripping form.
     */
    public String toJson(D document) {
        try {
            return WRITER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            // A record of strings, lists, integers and finite doubles always serialises.
            throw new IllegalStateException("cannot serialise " + noun + " document", e);
        }
    }

    /** A document as a JSON tree, for embedding in a larger document. */
    public JsonNode toTree(D document) {
        return WRITER.valueToTree(document);
    }

    /** Stage 1: is it one JSON object? Syntax errors are reported with their line and column. */
    private JsonNode parse(byte[] content, String origin) {
        try (JsonParser parser = MAPPER.createParser(content)) {
            JsonNode tree = MAPPER.readTree(parser);
            if (tree == null || tree.isMissingNode()) {
                throw new InvalidModelException(origin + " is empty; " + hint);
            }
            if (!tree.isObject()) {
                throw new InvalidModelException(origin + " holds " + kind(tree) + ", not a JSON object; " + hint);
            }
            if (parser.nextToken() != null) {
                throw new InvalidModelException(origin + ": unexpected content after the " + noun + " object at "
                        + where(parser.currentTokenLocation()) + "; a " + noun + " is exactly one JSON object");
            }
            return tree;
        } catch (JacksonException e) {
            throw new InvalidModelException(origin + ": not valid JSON at " + where(e.getLocation()) + ": "
                    + oneLine(e.getOriginalMessage()) + "; " + hint, e);
        } catch (IOException e) {
            // Reading from a byte array cannot fail for I/O reasons; anything else is a parser fault.
            throw new InvalidModelException(origin + " cannot be parsed: " + oneLine(String.valueOf(e.getMessage())),
                    e);
        }
    }

    /** Stage 2: a well-formed object whose field has the wrong type or a null. */
    private String describeMismatch(JsonMappingException e, JsonNode tree) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.isEmpty() || path.get(0).getFieldName() == null) {
            return oneLine(e.getOriginalMessage()) + "; " + hint;
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
        String accepts = allowed.getOrDefault(field, "see the JSON " + noun + " format");
        JsonNode found = tree.at(JsonPointer.compile(pointer.toString()));
        String problem = e instanceof InvalidNullException || found.isNull() ? "is null"
                : found.isMissingNode() ? "has the wrong type"
                : "is " + kind(found);
        return "field " + label + " " + problem + "; " + field + " must be " + accepts;
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
