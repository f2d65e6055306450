package dev.opshape.tabular.catalog;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One named component of a {@link Catalog}: what it is, where it comes from, the keys it accepts, and the factory that
 * builds it from checked key values.
 *
 * @param name        the name used in specs, lower case
 * @param aliases     other names that mean the same entry (lower case), for example another library's name
 * @param description one line for help texts
 * @param citation    the source of the method (paper, year), or empty
 * @param keys        the keys it accepts, in the order help lists them
 * @param factory     builds the component; may throw {@link InvalidSpecException} for combinations of values the key
 *                    types cannot check alone
 * @param <T> what the entry makes
 */
public record CatalogEntry<T>(String name, List<String> aliases, String description, String citation,
                              List<KeyDefinition> keys, Function<SpecValues, T> factory) {

    public CatalogEntry {
        Objects.requireNonNull(name, "name");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(description, "description");
        citation = citation == null ? "" : citation;
        keys = List.copyOf(keys);
        Objects.requireNonNull(factory, "factory");
    }

    /** An entry without aliases. */
    public static <T> CatalogEntry<T> of(String name, String description, String citation,
                                         List<KeyDefinition> keys, Function<SpecValues, T> factory) {
        return new CatalogEntry<>(name, List.of(), description, citation, keys, factory);
    }

    /** The key of the given name, or null. */
    public KeyDefinition key(String keyName) {
        for (KeyDefinition k : keys) {
            if (k.name().equals(keyName)) {
                return k;
            }
        }
        return null;
    }
}
