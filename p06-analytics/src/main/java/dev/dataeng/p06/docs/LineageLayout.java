package dev.dataeng.p06.docs;

import dev.dataeng.p06.compile.Manifest;
import dev.dataeng.p06.compile.ParsedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Places the lineage graph on a grid: sources in column 0, every model one column right of its furthest-right
 * parent, so every edge points right. Rows within a column in name order.
 */
public final class LineageLayout {
    /** A box of the graph. {@code kind} is {@code source} or the model's materialization. */
    public record Node(String name, String kind, int column, int row) {
    }

    /** An arrow from a parent (a source or a model) to the model that reads it. */
    public record Edge(String from, String to) {
    }

    private final Map<String, Node> nodes;
    private final List<Edge> edges;

    private LineageLayout(Map<String, Node> nodes, List<Edge> edges) {
        this.nodes = nodes;
        this.edges = edges;
    }

    public static LineageLayout of(Manifest manifest) {
        Map<String, Integer> column = new LinkedHashMap<>();
        Map<String, String> kind = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        for (String model : manifest.dag().order()) {
            ParsedModel parsed = manifest.model(model);
            int col = 1;
            for (String source : new TreeSet<>(parsed.sources())) {
                column.put(source, 0);
                kind.put(source, "source");
                edges.add(new Edge(source, model));
            }
            for (String parent : new TreeSet<>(parsed.refs())) {
                col = Math.max(col, column.get(parent) + 1);
                edges.add(new Edge(parent, model));
            }
            column.put(model, col);
            kind.put(model, parsed.config().materialized());
        }
        Map<Integer, Integer> rowsUsed = new LinkedHashMap<>();
        Map<String, Node> nodes = new LinkedHashMap<>();
        column.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> {
                    int row = rowsUsed.merge(e.getValue(), 1, Integer::sum) - 1;
                    nodes.put(e.getKey(), new Node(e.getKey(), kind.get(e.getKey()), e.getValue(), row));
                });
        return new LineageLayout(nodes, edges);
    }

    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    public Node node(String name) {
        return nodes.get(name);
    }

    public List<Edge> edges() {
        return List.copyOf(edges);
    }

    public int columns() {
        return nodes.values().stream().mapToInt(Node::column).max().orElse(0) + 1;
    }

    public int rows() {
        return nodes.values().stream().mapToInt(Node::row).max().orElse(0) + 1;
    }
}
