package dev.opshape.tabular.mdp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes an MDP in the JSON MDP format ({@link MdpDocument}), in its explicit form, so that {@link MdpReader} reads
 * it back to an equal MDP (doubles are written in their shortest round-tripping form).
 */
public final class MdpWriter {

    private MdpWriter() {
    }

    /** The MDP as a pretty-printed JSON object (no trailing newline). */
    public static String toJson(TabularMdp mdp) {
        return MdpDocument.FORMAT.toJson(MdpDocument.of(mdp));
    }

    /** The MDP as a JSON tree, for embedding in a larger document. */
    public static JsonNode toTree(TabularMdp mdp) {
        return MdpDocument.FORMAT.toTree(MdpDocument.of(mdp));
    }
}
