package dev.opshape.tabular.catalog;

/**
 * A catalog as a Markdown table for the documentation: one row per entry with its aliases, description, citation and
 * keys (default and allowed values). The project's docs/catalog.md is this output; a test keeps the two equal.
 */
public final class CatalogMarkdown {

    private CatalogMarkdown() {
    }

    /** The table of the catalog, under a level-2 heading. */
    public static String table(String heading, Catalog<?> catalog) {
        StringBuilder sb = new StringBuilder("## ").append(heading).append("\n\n");
        sb.append("| name | what it is | source | keys (default: allowed) |\n|---|---|---|---|\n");
        for (CatalogEntry<?> e : catalog.entries()) {
            sb.append("| `").append(e.name()).append('`');
            for (String alias : e.aliases()) {
                sb.append(", `").append(alias).append('`');
            }
            sb.append(" | ").append(cell(e.description())).append(" | ").append(cell(e.citation())).append(" | ");
            StringBuilder keys = new StringBuilder();
            for (KeyDefinition k : e.keys()) {
                if (keys.length() > 0) {
                    keys.append("<br>");
                }
                keys.append('`').append(k.name()).append('=')
                        .append(k.defaultValue() == null ? "(none)" : k.defaultValue()).append("`: ")
                        .append(cell(k.description())).append(" (").append(cell(k.type().allowed())).append(')');
            }
            sb.append(keys).append(" |\n");
        }
        return sb.append('\n').toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
