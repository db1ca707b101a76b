package dev.dataeng.p06.docs;

import dev.dataeng.p06.compile.Manifest;
import dev.dataeng.p06.compile.ParsedModel;
import dev.dataeng.p06.docs.LineageLayout.Edge;
import dev.dataeng.p06.docs.LineageLayout.Node;
import dev.dataeng.p06.project.ColumnDoc;
import dev.dataeng.p06.project.SourceTable;
import dev.dataeng.p06.testing.DataTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the project's documentation as one self-contained page, {@code target/docs/index.html} (no script, no
 * network: an inline SVG lineage graph and plain HTML), and {@code target/docs/lineage.md} (a Mermaid graph and a
 * plain-text list of the same edges for a terminal).
 *
 * <p>Contract the checklist reads: one {@code <section id="model-NAME">} per model, holding its description, a
 * table of its columns (documented ones with their description, plus any the database has that the YAML does not
 * document) and its compiled SQL in a {@code <pre>}; in the SVG, one {@code <g class="edge">} per dependency whose
 * {@code <title>} is {@code parent → child}.
 */
public final class DocsGenerator {
    private static final int BOX_W = 190;
    private static final int BOX_H = 30;
    private static final int GAP_X = 70;
    private static final int GAP_Y = 20;
    private static final int MARGIN = 16;
    private static final Map<String, String> FILL = Map.of("source", "#e8f1e4", "view", "#e6eef9",
            "table", "#fbeedd", "incremental", "#f4e3f3");

    /** What the generator shows of one model: its compiled SQL and the columns the database has (may be empty). */
    public record ModelPage(String compiledSql, Map<String, String> databaseColumns) {
    }

    public Path generate(Manifest manifest, Map<String, ModelPage> pages, List<DataTest> tests, Path outDir) {
        LineageLayout layout = LineageLayout.of(manifest);
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(manifest.project().name())).append(" · docs</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:75em}pre{background:#f6f6f6;padding:.8em;"
                        + "overflow-x:auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;"
                        + "text-align:left;vertical-align:top}section{border-top:2px solid #ddd;margin-top:2em}"
                        + ".muted{color:#777}</style></head><body>\n");
        html.append("<h1>").append(esc(manifest.project().name())).append("</h1>\n<p>")
                .append(manifest.models().size()).append(" models, ").append(manifest.project().sources().size())
                .append(" source tables, ").append(tests.size()).append(" tests; built in schema <code>")
                .append(esc(manifest.targetSchema())).append("</code>.</p>\n");
        html.append("<h2 id=\"lineage\">Lineage</h2>\n").append(svg(layout)).append("\n<p>");
        FILL.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> html.append("<span style=\"background:")
                .append(e.getValue()).append(";border:1px solid #555;padding:0 .5em;margin-right:.5em\">")
                .append(e.getKey()).append("</span>"));
        html.append(" Arrows point from what a model reads to the model.</p>\n");
        html.append("<h2>Models</h2>\n<ul>");
        for (String model : manifest.dag().order()) {
            html.append("<li><a href=\"#model-").append(model).append("\">").append(model).append("</a> <span class=muted>")
                    .append(manifest.model(model).config().materialized()).append("</span></li>");
        }
        html.append("</ul>\n");
        for (String model : manifest.dag().order()) {
            html.append(modelSection(manifest, manifest.model(model), pages.get(model), tests));
        }
        html.append("<h2 id=\"sources\">Sources</h2>\n");
        for (SourceTable source : manifest.project().sources()) {
            html.append("<section id=\"source-").append(esc(source.sourceName() + "." + source.table()))
                    .append("\"><h3>source: ").append(esc(source.relation())).append("</h3><p>")
                    .append(esc(source.description())).append("</p>").append(columnTable(source.columns(), Map.of(), List.of()))
                    .append("</section>\n");
        }
        html.append("</body></html>\n");
        try {
            Files.createDirectories(outDir);
            Files.writeString(outDir.resolve("lineage.md"), markdown(manifest, layout));
            Path index = outDir.resolve("index.html");
            Files.writeString(index, html.toString());
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write docs to " + outDir, e);
        }
    }

    private static String modelSection(Manifest manifest, ParsedModel model, ModelPage page, List<DataTest> tests) {
        StringBuilder s = new StringBuilder();
        s.append("<section id=\"model-").append(model.name()).append("\">\n<h3>").append(model.name())
                .append("</h3>\n<p><b>").append(model.config().materialized()).append("</b>");
        if (!model.config().uniqueKey().isEmpty()) {
            s.append(", unique key <code>").append(esc(String.join(", ", model.config().uniqueKey()))).append("</code>");
        }
        s.append(" · <code>").append(esc(manifest.relation(model.name()))).append("</code> · file <code>")
                .append(esc(manifest.project().root().relativize(model.file().path()).toString())).append("</code></p>\n");
        s.append("<p>").append(model.file().description().isEmpty() ? "<span class=muted>(no description)</span>"
                : esc(model.file().description())).append("</p>\n");
        s.append("<p>Depends on: ").append(esc(String.join(", ", model.refs().stream().sorted().toList())))
                .append(model.refs().isEmpty() || model.sources().isEmpty() ? "" : ", ")
                .append(esc(String.join(", ", model.sources().stream().sorted().toList())))
                .append(" · Used by: ").append(esc(String.join(", ", manifest.dag().children(model.name()))))
                .append("</p>\n");
        List<DataTest> own = tests.stream().filter(t -> t.model().equals(model.name())).toList();
        s.append(columnTable(model.file().columns(), page == null ? Map.of() : page.databaseColumns(), own));
        List<DataTest> singular = own.stream().filter(t -> t.kind().equals("singular")).toList();
        if (!singular.isEmpty()) {
            s.append("<p>Singular tests: ").append(esc(singular.stream().map(DataTest::name)
                    .collect(Collectors.joining(", ")))).append("</p>\n");
        }
        s.append("<details open><summary>Compiled SQL</summary><pre><code>")
                .append(esc(page == null ? "" : page.compiledSql())).append("</code></pre></details>\n</section>\n");
        return s.toString();
    }

    private static String columnTable(List<ColumnDoc> documented, Map<String, String> inDatabase, List<DataTest> tests) {
        Map<String, String[]> rows = new LinkedHashMap<>();
        documented.forEach(c -> rows.put(c.name(), new String[] {inDatabase.getOrDefault(c.name(), ""), c.description()}));
        inDatabase.forEach((name, type) -> rows.putIfAbsent(name, new String[] {type, null}));
        if (rows.isEmpty()) {
            return "<p class=muted>(no columns documented)</p>\n";
        }
        StringBuilder s = new StringBuilder("<table><tr><th>column</th><th>type</th><th>description</th><th>tests</th></tr>\n");
        rows.forEach((name, v) -> s.append("<tr><td><code>").append(esc(name)).append("</code></td><td>")
                .append(esc(v[0])).append("</td><td>")
                .append(v[1] == null ? "<span class=muted>(undocumented)</span>" : esc(v[1])).append("</td><td>")
                .append(esc(tests.stream().filter(t -> t.column().equals(name)).map(DataTest::kind)
                        .collect(Collectors.joining(", ")))).append("</td></tr>\n"));
        return s.append("</table>\n").toString();
    }

    /** The lineage as inline SVG: boxes on the layout's grid, a curve per edge with a {@code <title>}. */
    static String svg(LineageLayout layout) {
        // BEGIN SOLUTION step 10: an <svg> with a box per layout node at x(n), y(n) and, per edge, <g class="edge"><title>from → to</title><path …/></g>
        int width = MARGIN * 2 + layout.columns() * (BOX_W + GAP_X) - GAP_X;
        int height = MARGIN * 2 + layout.rows() * (BOX_H + GAP_Y) - GAP_Y;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        s.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#666\"/></marker></defs>\n");
        Map<String, Integer> lanes = new HashMap<>(); // a lane per target reached by an edge that skips columns
        for (Edge e : layout.edges()) {
            Node from = layout.node(e.from());
            Node to = layout.node(e.to());
            int x1 = x(from) + BOX_W;
            int y1 = y(from) + BOX_H / 2;
            int x2 = x(to);
            int y2 = y(to) + BOX_H / 2;
            String d;
            if (to.column() - from.column() == 1) {
                int mid = (x1 + x2) / 2;
                d = "M" + x1 + "," + y1 + " C" + mid + "," + y1 + " " + mid + "," + y2 + " " + x2 + "," + y2;
            } else {
                // A straight curve would cross the boxes of the columns in between (and seem to enter them): run
                // along the free gap below the target's row instead, one lane per target in that gap.
                int gapRow = to.row();
                int lane = lanes.computeIfAbsent(e.to(),
                        t -> (int) lanes.keySet().stream().filter(o -> layout.node(o).row() == gapRow).count());
                int ly = y(to) + BOX_H + 5 + 5 * (lane % 3);
                int in = x1 + GAP_X;
                int out = x2 - GAP_X;
                d = "M" + x1 + "," + y1 + " C" + (x1 + GAP_X / 2) + "," + y1 + " " + (x1 + GAP_X / 2) + "," + ly
                        + " " + in + "," + ly + " L" + out + "," + ly + " C" + (out + GAP_X / 2) + "," + ly + " "
                        + (out + GAP_X / 2) + "," + y2 + " " + x2 + "," + y2;
            }
            s.append("<g class=\"edge\"><title>").append(esc(e.from())).append(" → ").append(esc(e.to()))
                    .append("</title><path d=\"").append(d)
                    .append("\" fill=\"none\" stroke=\"#666\" marker-end=\"url(#arrow)\"/></g>\n");
        }
        for (Node n : layout.nodes()) {
            String label = n.name().startsWith("source:") ? n.name().substring("source:".length()) : n.name();
            String anchor = n.name().startsWith("source:") ? "source-" + label : "model-" + n.name();
            s.append("<a href=\"#").append(esc(anchor)).append("\"><g class=\"node\"><title>").append(esc(n.name())).append(" (").append(n.kind())
                    .append(")</title><rect x=\"").append(x(n)).append("\" y=\"").append(y(n)).append("\" width=\"")
                    .append(BOX_W).append("\" height=\"").append(BOX_H).append("\" rx=\"5\" fill=\"")
                    .append(FILL.getOrDefault(n.kind(), "#eee")).append("\" stroke=\"#555\"/><text x=\"")
                    .append(x(n) + 8).append("\" y=\"").append(y(n) + 19).append("\">").append(esc(label))
                    .append("</text></g></a>\n");
        }
        return s.append("</svg>").toString();
        // END SOLUTION
    }

    private static int x(Node n) {
        return MARGIN + n.column() * (BOX_W + GAP_X);
    }

    private static int y(Node n) {
        return MARGIN + n.row() * (BOX_H + GAP_Y);
    }

    /** Mermaid text (GitHub and many editors draw it) and the same edges as plain lines. */
    static String markdown(Manifest manifest, LineageLayout layout) {
        StringBuilder s = new StringBuilder("# Lineage of " + manifest.project().name() + "\n\n```mermaid\ngraph LR\n");
        for (Edge e : layout.edges()) {
            s.append("  ").append(mermaidId(e.from())).append("[\"").append(e.from()).append("\"] --> ")
                    .append(mermaidId(e.to())).append("[\"").append(e.to()).append("\"]\n");
        }
        s.append("```\n\nPlain text, by column of the graph (each model after what it reads):\n\n```\n");
        for (int c = 0; c < layout.columns(); c++) {
            int col = c;
            for (Node n : layout.nodes().stream().filter(n -> n.column() == col).toList()) {
                List<String> from = layout.edges().stream().filter(e -> e.to().equals(n.name())).map(Edge::from).toList();
                s.append("  ".repeat(col)).append(n.name()).append(" [").append(n.kind()).append(']')
                        .append(from.isEmpty() ? "" : "  <- " + String.join(", ", from)).append('\n');
            }
        }
        return s.append("```\n").toString();
    }

    private static String mermaidId(String name) {
        return name.replaceAll("[^A-Za-z0-9_]", "_");
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
