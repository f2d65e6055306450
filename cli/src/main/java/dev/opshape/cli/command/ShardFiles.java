package dev.opshape.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The JSON and checksum conventions of shard files ({@link TournamentShard}, {@link TrainShard}): compact JSON with
 * every double written in its shortest exact form (infinities as strings), unknown fields refused, and a SHA-256 of
 * the document with its checksum field empty.
 */
final class ShardFiles {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ShardFiles() {
    }

    /** The schema field of a document, or null if it is not a JSON object with one. */
    static String schema(byte[] document) {
        try {
            JsonNode schema = MAPPER.readTree(document).get("schema");
            return schema == null ? null : schema.asText();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Parses a shard document of the given type, naming the file in the one-line refusal. */
    static <T> T parse(byte[] document, String origin, Class<T> type) {
        try {
            return MAPPER.readValue(document, type);
        } catch (IOException e) {
            String message = e.getMessage() == null ? "unreadable" : e.getMessage().split("\n", 2)[0];
            throw new IllegalArgumentException(origin + " is not a shard file (" + message + "); write one with "
                    + "--shard I/N --out FILE");
        }
    }

    static String json(Object shard) {
        try {
            return MAPPER.writeValueAsString(shard);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a shard", e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
