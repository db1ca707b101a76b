package dev.dataeng.p06;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p06.project.ColumnDoc;
import dev.dataeng.p06.project.ModelFile;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsTest {

    @TempDir
    Path tmp;

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Test
    @Checklist(id = "E16", points = 3)
    @DisplayName("docs generate writes one offline page with every model, its columns and descriptions, compiled SQL and a lineage graph with every edge")
    void docsHoldModelsColumnsSqlAndLineage() {
        Fixture f = new Fixture(tmp);
        f.seed(5, Map.of());
        String html;
        String md;
        try (Analytics a = f.open()) {
            a.run("");
            Path index = a.docs();
            html = Fixture.read(index);
            md = Fixture.read(index.resolveSibling("lineage.md"));
            for (ModelFile model : a.manifest().project().models().values()) {
                String name = model.name();
                int start = html.indexOf("<section id=\"model-" + name + "\">");
                assertThat(start).as("a <section id=\"model-%s\"> in %s", name, index).isNotNegative();
                String section = html.substring(start, html.indexOf("</section>", start));
                assertThat(section).as("section of %s shows its description", name).contains(esc(model.description()));
                for (ColumnDoc column : model.columns()) {
                    assertThat(section).as("section of %s documents column %s", name, column.name())
                            .contains(column.name()).contains(esc(column.description()));
                }
                String sql = a.compile(name).get(name);
                assertThat(section).as("section of %s shows its compiled SQL", name)
                        .contains(esc(sql.lines().filter(l -> l.contains("from ")).findFirst().orElse(sql)));
                for (String parent : a.manifest().dag().parents(name)) {
                    assertThat(html).as("lineage edge %s → %s in the SVG", parent, name)
                            .contains("<title>" + parent + " → " + name + "</title>");
                    assertThat(md).as("lineage.md has the edge %s --> %s", parent, name).contains(parent)
                            .containsPattern(parent + "\\[\"" + parent + "\"\\] --> " + name);
                }
            }
            assertThat(html).as("source edges too").contains("<title>source:raw.orders → stg_orders</title>");
        }
        assertThat(html).as("the page is viewable offline: no script, nothing fetched")
                .doesNotContain("<script").doesNotContain("http://cdn").doesNotContain("https://");
        assertThat(html).as("a column the database has but the YAML does not document is listed as such")
                .contains("item_quantity").contains("(undocumented)");
        assertThat(html).contains("<svg");
    }
}
