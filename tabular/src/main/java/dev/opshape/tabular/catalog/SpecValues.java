package dev.opshape.tabular.catalog;

import java.util.Map;

/**
 * The checked, typed values of a spec's keys, with the defaults of the keys it does not set. Made by
 * {@link Catalog#create}; what a factory reads.
 */
public final class SpecValues {

    private final String kind;
    private final ComponentSpec spec;
    private final Map<String, Object> values;

    SpecValues(String kind, ComponentSpec spec, Map<String, Object> values) {
        this.kind = kind;
        this.spec = spec;
        this.values = values;
    }

    /** How the catalog names its specs in messages, for example {@code agent}. */
    public String kind() {
        return kind;
    }

    /** The spec as written. */
    public ComponentSpec spec() {
        return spec;
    }

    /** True if the spec sets the key itself (not only through a default). */
    public boolean isSet(String key) {
        return spec.params().containsKey(key);
    }

    /** True if the key has a value, given or by default. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** An integer key's value. */
    public int integer(String key) {
        return (Integer) require(key);
    }

    /** A number key's value. */
    public double number(String key) {
        return (Double) require(key);
    }

    /** A boolean key's value. */
    public boolean bool(String key) {
        return (Boolean) require(key);
    }

    /** A choice or text key's value. */
    public String text(String key) {
        return (String) require(key);
    }

    /** A text key's value as its reader made it (any type). */
    public Object value(String key) {
        return require(key);
    }

    private Object require(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("key '" + key + "' of '" + spec.text() + "' has no value and no default");
        }
        return v;
    }
}
