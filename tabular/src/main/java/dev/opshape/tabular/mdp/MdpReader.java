package dev.opshape.tabular.mdp;

import dev.opshape.tabular.InvalidModelException;
import dev.opshape.tabular.io.StrictJsonFormat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads an MDP in the JSON MDP format ({@link MdpDocument}) from a file or a JSON string, strictly (see
 * {@link StrictJsonFormat}): every failure is an {@link InvalidModelException} whose message is one line naming the
 * file (or "inline MDP JSON"), the field and what it accepts.
 */
public final class MdpReader {

    /** Name given to an inline MDP that has no {@code name} field. */
    public static final String DEFAULT_INLINE_NAME = "custom-mdp";

    private MdpReader() {
    }

    /**
     * Reads the MDP in a JSON file; without a {@code name} field it is named after the file, less {@code .json}.
     *
     * @throws InvalidModelException if the file cannot be read or does not hold a valid MDP
     */
    public static TabularMdp fromFile(Path file) {
        String origin = "MDP file '" + file + "'";
        return read(StrictJsonFormat.readFile(file, origin), origin,
                StrictJsonFormat.nameOf(file, DEFAULT_INLINE_NAME));
    }

    /**
     * Reads an MDP from JSON text; without a {@code name} field it is named {@value #DEFAULT_INLINE_NAME}.
     *
     * @throws InvalidModelException if the text does not hold a valid MDP
     */
    public static TabularMdp fromJson(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8), "inline MDP JSON", DEFAULT_INLINE_NAME);
    }

    private static TabularMdp read(byte[] content, String origin, String defaultName) {
        MdpDocument document = MdpDocument.FORMAT.read(content, origin);
        try {
            return document.toMdp(defaultName);
        } catch (InvalidModelException e) {
            throw new InvalidModelException(origin + ": " + e.getMessage(), e);
        }
    }
}
