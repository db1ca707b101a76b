package dev.dataeng.p03.query;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints a {@link QueryResult} as an aligned text table, numbers right-aligned. */
public final class TablePrinter {
    private TablePrinter() {
    }

    public static void print(QueryResult result, PrintWriter out) {
        int n = result.columns().size();
        int[] width = new int[n];
        List<String[]> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            width[i] = result.columns().get(i).length();
        }
        for (List<Object> row : result.rows()) {
            String[] line = new String[n];
            for (int i = 0; i < n; i++) {
                line[i] = row.get(i) == null ? "" : row.get(i).toString();
                width[i] = Math.max(width[i], line[i].length());
            }
            cells.add(line);
        }
        StringBuilder header = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < n; i++) {
            header.append(i == 0 ? "" : " | ").append(pad(result.columns().get(i), width[i], false));
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
        }
        out.println(header);
        out.println(rule);
        for (int r = 0; r < cells.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < n; i++) {
                boolean number = result.rows().get(r).get(i) instanceof Number;
                line.append(i == 0 ? "" : " | ").append(pad(cells.get(r)[i], width[i], number));
            }
            out.println(line);
        }
        out.println("(" + cells.size() + " rows)");
        out.flush();
    }

    private static String pad(String s, int width, boolean right) {
        String space = " ".repeat(width - s.length());
        return right ? space + s : s + space;
    }
}
