package dev.opshape.tabular.catalog;

import java.util.Objects;

/**
 * One key a catalog entry accepts: its name, type, default and meaning. The default is the text a missing key stands
 * for (read with the key's type), or null when the key has no default value (the factory then decides what its
 * absence means, as documented in the description).
 *
 * @param name         the key, lower case
 * @param type         how its value is read and checked
 * @param defaultValue the default as text, or null
 * @param description  one line for help texts and docs
 */
public record KeyDefinition(String name, KeyType type, String defaultValue, String description) {

    public KeyDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }

    /** The same key with another default (for example a command-line wide setting). */
    public KeyDefinition withDefault(String newDefault) {
        return new KeyDefinition(name, type, newDefault, description);
    }
}
