package dev.opshape.shaping.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An agent written as {@code name(:key=value)*}, for example {@code lola:k=2:eta=0.3} or {@code tft}. Lists are
 * comma-separated ({@code nl,lola:k=2,tft}); values therefore never contain commas (vectors use {@code /}, as in
 * {@code probs:p=1/1/0/1/0}). Names and keys are case-insensitive and stored in lower case.
 *
 * @param text   the spec as written (trimmed)
 * @param name   the agent name
 * @param params key = value pairs in the order written
 */
public record AgentSpec(String text, String name, Map<String, String> params) {

    public AgentSpec {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * Parses one spec.
     *
     * @throws IllegalArgumentException naming the malformed part (empty name, a part without '=', an empty key or
     *                                  value, a repeated key)
     */
    public static AgentSpec parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty agent spec; expected name(:key=value)*, for example lola:k=2");
        }
        String[] parts = trimmed.split(":", -1);
        String name = parts[0].trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("agent spec '" + trimmed + "' has no name; expected "
                    + "name(:key=value)*");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new IllegalArgumentException("agent spec '" + trimmed + "': '" + part
                        + "' is not key=value");
            }
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            if (key.isEmpty() || value.isEmpty()) {
                throw new IllegalArgumentException("agent spec '" + trimmed + "': '" + part
                        + "' is not key=value");
            }
            if (params.put(key, value) != null) {
                throw new IllegalArgumentException("agent spec '" + trimmed + "' sets key '" + key + "' twice");
            }
        }
        return new AgentSpec(trimmed, name, params);
    }

    /** Parses a comma-separated list of specs (at least one). */
    public static List<AgentSpec> parseList(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty agent list; expected comma-separated specs such as "
                    + "nl,lola:k=2,tft");
        }
        List<AgentSpec> specs = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            specs.add(parse(part));
        }
        return specs;
    }

    @Override
    public String toString() {
        return text;
    }
}
