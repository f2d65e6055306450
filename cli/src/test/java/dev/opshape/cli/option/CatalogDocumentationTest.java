package dev.opshape.cli.option;

import dev.opshape.shaping.agent.AgentCatalog;
import dev.opshape.shaping.estimator.EstimatorCatalog;
import dev.opshape.tabular.catalog.CatalogMarkdown;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/catalog.md is the catalogs rendered ({@link CatalogMarkdown}): the documentation cannot drift from what the
 * parser accepts and the help prints. After changing a catalog, regenerate the page with
 * {@code mvn -B -q -pl cli -am test -Dtest=CatalogDocumentationTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dopshape.writeDocs=true}.
 */
class CatalogDocumentationTest {

    private static final Path PAGE = Path.of("..", "docs", "catalog.md");

    static String page() {
        return "# The catalog of agents and estimators\n\n"
                + "Generated from the catalogs in the code (`AgentCatalog`, `EstimatorCatalog`); `opshape train "
                + "--help`, `opshape tournament --help` and `opshape bias --help` print the same. A spec is "
                + "`name:key=value:...`; a key left out takes the default shown.\n\n"
                + CatalogMarkdown.table("Agents", AgentCatalog.catalog())
                + CatalogMarkdown.table("Estimators", EstimatorCatalog.catalog());
    }

    @Test
    void docsCatalogIsTheRenderedCatalog() throws IOException {
        if (Boolean.getBoolean("opshape.writeDocs")) {
            Files.writeString(PAGE, page(), StandardCharsets.UTF_8);
        }
        assertEquals(page(), Files.readString(PAGE, StandardCharsets.UTF_8),
                "docs/catalog.md is out of date; regenerate it (see this test's comment)");
    }
}
