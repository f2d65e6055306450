package dev.opshape.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.PrintWriter;

/**
 * The JSON writer of every command's output.
 *
 * <p>Numbers are written with the shortest decimal that reads back to the same double, so a parsed value equals the
 * computed one exactly. JSON has no infinity or NaN: those are written as the strings {@code "Infinity"},
 * {@code "-Infinity"} and {@code "NaN"} (what Java, JavaScript and Python's {@code float()} all parse), which is how
 * the logits of deterministic strategies appear.
 */
public final class JsonOutput {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private JsonOutput() {
    }

    /** The value as pretty-printed JSON, without a trailing newline. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName() + " to JSON", e);
        }
    }

    /** Prints the value as pretty-printed JSON and a newline. */
    public static void write(PrintWriter out, Object value) {
        out.println(toJson(value));
    }
}
