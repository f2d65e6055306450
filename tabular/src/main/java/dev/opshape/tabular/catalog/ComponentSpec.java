package dev.opshape.tabular.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A component written as {@code name(:key=value)*}, for example {@code lola:k=2:eta=0.3}, {@code tft} or
 * {@code dice:baseline=exact}. Lists are comma-separated ({@code nl,lola:k=2,tft}); values therefore never contain
 * commas (vectors use {@code /}, as in {@code probs:p=1/1/0/1/0}). Names and keys are case-insensitive and stored in
 * lower case; values are kept as written (trimmed).
 *
 * @param text   the spec as written (trimmed)
 * @param name   the component's name
 * @param params key = value pairs in the order written
 */
public record ComponentSpec(String text, String name, Map<String, String> params) {

    public ComponentSpec {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * Parses one spec.
     *
     * @throws InvalidSpecException naming the malformed part (empty name, a part without '=', an empty key or value,
     *                              a repeated key)
     */
    public static ComponentSpec parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            throw new InvalidSpecException("empty spec; expected name(:key=value)*, for example lola:k=2");
        }
        String[] parts = trimmed.split(":", -1);
        String name = parts[0].trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            throw new InvalidSpecException("spec '" + trimmed + "' has no name; expected name(:key=value)*");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new InvalidSpecException("spec '" + trimmed + "': '" + part + "' is not key=value");
            }
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            if (key.isEmpty() || value.isEmpty()) {
                throw new InvalidSpecException("spec '" + trimmed + "': '" + part + "' is not key=value");
            }
            if (params.put(key, value) != null) {
                throw new InvalidSpecException("spec '" + trimmed + "' sets key '" + key + "' twice");
            }
        }
        return new ComponentSpec(trimmed, name, params);
    }

    /**
     * Parses a comma-separated list of specs (at least one).
     *
     * @throws InvalidSpecException for an empty list or a malformed spec
     */
    public static List<ComponentSpec> parseList(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidSpecException("empty list; expected comma-separated specs such as nl,lola:k=2,tft");
        }
        List<ComponentSpec> specs = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            specs.add(parse(part));
        }
        return specs;
    }

    /** The same spec with one more key (the text gains {@code :key=value}). */
    public ComponentSpec with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(params);
        if (more.put(key.toLowerCase(Locale.ROOT), value) != null) {
            throw new InvalidSpecException("spec '" + text + "' sets key '" + key + "' twice");
        }
        return new ComponentSpec(text + ":" + key + "=" + value, name, more);
    }

    @Override
    public String toString() {
        return text;
    }
}
