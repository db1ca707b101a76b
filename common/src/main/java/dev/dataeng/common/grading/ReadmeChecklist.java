package dev.dataeng.common.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compares a chapter README's "Evaluation checklist" table ({@code | ID | what is checked | points | test |}) with
 * the graded tests, so the table a learner reads cannot drift from what is graded.
 */
public final class ReadmeChecklist {

    private static final Pattern ID = Pattern.compile("[A-Z]+\\d+[a-z]?");

    /** One table row. */
    public record Row(String id, String what, int points, String test) {
    }

    private ReadmeChecklist() {
    }

    /** The rows of the first table under a heading that contains "Evaluation checklist". */
    public static List<Row> parse(String markdown) {
        List<Row> rows = new ArrayList<>();
        boolean inSection = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("#")) {
                if (inSection && !rows.isEmpty()) {
                    break;
                }
                inSection = line.toLowerCase(Locale.ROOT).contains("evaluation checklist");
                continue;
            }
            if (!inSection || !line.strip().startsWith("|")) {
                continue;
            }
            String[] cells = line.strip().split("(?<!\\\\)\\|", -1);
            if (cells.length < 6) {
                continue;
            }
            String id = cells[1].strip();
            if (!ID.matcher(id).matches()) {
                continue;
            }
            int points;
            try {
                points = Integer.parseInt(cells[3].strip());
            } catch (NumberFormatException e) {
                points = -1;
            }
            rows.add(new Row(id, cells[2].strip(), points, cells[4].strip().replace("`", "")));
        }
        return rows;
    }

    /** Every disagreement between the README and the graded tests; empty when they agree. */
    public static List<String> problems(Path readme, List<ScoreItem> items) {
        if (!Files.isRegularFile(readme)) {
            return List.of("no README at " + readme);
        }
        String text;
        try {
            text = Files.readString(readme, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of("cannot read " + readme + ": " + e.getMessage());
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (Row row : parse(text)) {
            rows.put(row.id(), row);
        }
        List<String> problems = new ArrayList<>();
        if (rows.isEmpty()) {
            problems.add("the README has no 'Evaluation checklist' table with rows | ID | what | points | test |");
            return problems;
        }
        for (ScoreItem item : items) {
            Row row = rows.remove(item.id());
            if (row == null) {
                problems.add(item.id() + " (" + item.test() + ") has no row in the README's checklist");
                continue;
            }
            if (row.points() != item.points()) {
                problems.add(item.id() + ": README says " + row.points() + " points, the test gives " + item.points());
            }
            if (!row.test().contains(item.test())) {
                problems.add(item.id() + ": README names test '" + row.test() + "', the graded test is "
                        + item.test());
            }
        }
        rows.keySet().forEach(id -> problems.add(id + " is in the README's checklist but no test carries it"));
        return problems;
    }
}
