package dev.opshape.tabular.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A registry of named components (learners, fixed strategies, estimators): the single place where their names,
 * descriptions, citations, keys (with types and defaults) and factories are written. The spec parser, the
 * command-line help and the documentation all read it, so a new component is one type plus one entry here, and a
 * contract test suite over {@link #entries()} covers it.
 *
 * <p>Immutable; entries keep their registration order.
 *
 * @param <T> what the entries make
 */
public final class Catalog<T> {

    private final String kind;
    private final List<CatalogEntry<T>> entries;
    private final Map<String, CatalogEntry<T>> byName;

    /**
     * @param kind    how a spec of this catalog is named in messages, for example {@code agent}
     * @param entries the entries; names and aliases must be distinct
     */
    public Catalog(String kind, List<CatalogEntry<T>> entries) {
        this.kind = kind;
        this.entries = List.copyOf(entries);
        Map<String, CatalogEntry<T>> map = new LinkedHashMap<>();
        for (CatalogEntry<T> e : this.entries) {
            register(map, e.name(), e);
            for (String alias : e.aliases()) {
                register(map, alias, e);
            }
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    private static <T> void register(Map<String, CatalogEntry<T>> map, String name, CatalogEntry<T> entry) {
        if (map.put(name.toLowerCase(Locale.ROOT), entry) != null) {
            throw new IllegalArgumentException("catalog name '" + name + "' is registered twice");
        }
    }

    /** The catalog made of several, in order (names must stay distinct). */
    @SafeVarargs
    public static <T> Catalog<T> concat(String kind, Catalog<? extends T>... parts) {
        List<CatalogEntry<T>> all = new ArrayList<>();
        for (Catalog<? extends T> part : parts) {
            for (CatalogEntry<? extends T> e : part.entries()) {
                all.add(new CatalogEntry<>(e.name(), e.aliases(), e.description(), e.citation(), e.keys(),
                        e.factory()::apply));
            }
        }
        return new Catalog<>(kind, all);
    }

    /** How specs of this catalog are named in messages. */
    public String kind() {
        return kind;
    }

    /** Every entry, in registration order. */
    public List<CatalogEntry<T>> entries() {
        return entries;
    }

    /** The entry names, in registration order. */
    public List<String> names() {
        return entries.stream().map(CatalogEntry::name).toList();
    }

    /** The entry of the given name or alias (any case). */
    public Optional<CatalogEntry<T>> entry(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** True if the catalog has an entry of this name or alias. */
    public boolean contains(String name) {
        return entry(name).isPresent();
    }

    /** Builds the component of a spec with its keys' own defaults. */
    public T create(ComponentSpec spec) {
        return create(spec, Map.of());
    }

    /**
     * Builds the component of a spec: looks the entry up, refuses unknown keys, reads every given value with its key's
     * type and fills the others from the defaults (the overrides first, for example a command-line wide {@code eta},
     * then the key's own).
     *
     * @param defaults default texts that replace the keys' own, by key name (keys an entry lacks are ignored)
     * @throws InvalidSpecException one line naming the spec and the bad name, key or value, and what is allowed
     */
    public T create(ComponentSpec spec, Map<String, String> defaults) {
        CatalogEntry<T> entry = entry(spec.name()).orElseThrow(() -> new InvalidSpecException("unknown " + kind
                + " '" + spec.name() + "' in '" + spec.text() + "'; known: " + String.join(", ", names())));
        Map<String, Object> values = new LinkedHashMap<>();
        for (String key : spec.params().keySet()) {
            if (entry.key(key) == null) {
                throw new InvalidSpecException(kind + " '" + spec.text() + "': unknown key '" + key + "'; "
                        + (entry.keys().isEmpty() ? entry.name() + " takes no keys"
                        : entry.name() + " takes " + String.join(", ", keyNames(entry))));
            }
        }
        for (KeyDefinition key : entry.keys()) {
            String given = spec.params().get(key.name());
            String text = given != null ? given : defaults.getOrDefault(key.name(), key.defaultValue());
            if (text == null) {
                continue;
            }
            try {
                values.put(key.name(), key.type().read(text));
            } catch (IllegalArgumentException e) {
                // A reader states the allowed form (perhaps more precisely than the type's summary); the number
                // grammar's own messages describe the text instead, so the type's summary stands for them.
                String allowed = e instanceof NumberFormatException || e.getMessage() == null
                        ? key.type().allowed() : e.getMessage();
                throw new InvalidSpecException(kind + " '" + spec.text() + "': " + key.name() + "=" + text + " is not "
                        + allowed + (given == null ? " (the default)" : ""));
            }
        }
        return entry.factory().apply(new SpecValues(kind, spec, values));
    }

    /** A one-line refusal of a spec's value that the key types cannot check alone (for factories). */
    public static InvalidSpecException bad(SpecValues values, String key, String allowed) {
        ComponentSpec spec = values.spec();
        return new InvalidSpecException(values.kind() + " '" + spec.text() + "': " + key + "="
                + spec.params().get(key) + " " + allowed);
    }

    private static List<String> keyNames(CatalogEntry<?> entry) {
        return List.copyOf(new TreeSet<>(entry.keys().stream().map(KeyDefinition::name).toList()));
    }

    /**
     * A help listing: one line per entry, {@code name  description (keys: k=default, ...)}, for command-line help.
     */
    public List<String> helpLines() {
        List<String> lines = new ArrayList<>();
        int width = entries.stream().mapToInt(e -> e.name().length()).max().orElse(0);
        for (CatalogEntry<T> e : entries) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s  %s", e.name(),
                    e.description()));
            if (!e.aliases().isEmpty()) {
                line.append(" (also ").append(String.join(", ", e.aliases())).append(')');
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
