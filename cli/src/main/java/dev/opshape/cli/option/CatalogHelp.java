package dev.opshape.cli.option;

import dev.opshape.tabular.catalog.Catalog;
import dev.opshape.tabular.catalog.CatalogEntry;
import dev.opshape.tabular.catalog.KeyDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The help text of a catalog (agents, estimators), read from the catalog itself so that help, parser and docs never
 * disagree: one line per entry with its description and citation, then its keys with defaults and what they allow.
 * Keys shared by several entries (the estimator keys of every learner) are listed once, in a closing paragraph.
 */
public final class CatalogHelp {

    private CatalogHelp() {
    }

    /**
     * Footer lines for picocli ({@code %} escaped).
     *
     * @param heading the paragraph's heading, for example {@code Agents}
     * @param shared  keys described once at the end instead of under every entry that takes them
     */
    public static String[] footer(String heading, Catalog<?> catalog, Set<String> shared) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(heading + " (name:key=value:...; keys with their defaults):");
        List<KeyDefinition> sharedKeys = new ArrayList<>();
        for (CatalogEntry<?> e : catalog.entries()) {
            StringBuilder line = new StringBuilder("  ").append(e.name());
            if (!e.aliases().isEmpty()) {
                line.append(" (").append(String.join(", ", e.aliases())).append(')');
            }
            line.append(": ").append(e.description());
            if (!e.citation().isEmpty()) {
                line.append(" [").append(e.citation()).append(']');
            }
            lines.add(line.toString());
            List<String> own = new ArrayList<>();
            for (KeyDefinition k : e.keys()) {
                if (shared.contains(k.name())) {
                    if (sharedKeys.stream().noneMatch(s -> s.name().equals(k.name()))) {
                        sharedKeys.add(k);
                    }
                } else {
                    own.add(describe(k));
                }
            }
            if (!own.isEmpty()) {
                lines.add("      " + String.join("; ", own));
            }
        }
        if (!sharedKeys.isEmpty()) {
            lines.add("  Keys every learner takes (its estimator: exact, or sampled with these settings):");
            for (KeyDefinition k : sharedKeys) {
                lines.add("      " + describe(k));
            }
        }
        return lines.stream().map(l -> l.replace("%", "%%")).toArray(String[]::new);
    }

    private static String describe(KeyDefinition k) {
        return k.name() + "=" + (k.defaultValue() == null ? "(none)" : k.defaultValue()) + ": " + k.description()
                + " (" + k.type().allowed() + ")";
    }
}
