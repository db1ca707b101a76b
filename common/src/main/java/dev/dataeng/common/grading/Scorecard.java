package dev.dataeng.common.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A chapter's graded items for one test run, rendered for the console, as Markdown and as JSON. */
public record Scorecard(String module, List<ScoreItem> items) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = "-".repeat(78);
    private static final String DOUBLE_RULE = "=".repeat(78);

    public Scorecard {
        items = items.stream().sorted(Comparator.comparing(ScoreItem::id, Scorecard::naturalOrder)).toList();
    }

    public int earned() {
        return items.stream().mapToInt(ScoreItem::earned).sum();
    }

    public int possible() {
        return items.stream().mapToInt(ScoreItem::points).sum();
    }

    public long count(ScoreItem.Status status) {
        return items.stream().filter(i -> i.status() == status).count();
    }

    /** The one line a course collects: {@code p01-batch-ingestion · 28/30 points}. */
    public String totalLine() {
        return module + " · " + earned() + "/" + possible() + " points";
    }

    public String toConsole() {
        StringBuilder out = new StringBuilder();
        out.append('\n').append(DOUBLE_RULE).append('\n');
        out.append(" SCORECARD  ").append(module).append('\n');
        out.append(RULE).append('\n');
        List<ScoreItem> notSelected = new ArrayList<>();
        for (ScoreItem item : items) {
            if (item.status() == ScoreItem.Status.NOT_RUN && item.detail().equals(ScorecardListener.NOT_SELECTED)) {
                notSelected.add(item);
                continue;
            }
            out.append(String.format(" %-5s %-7s %2d/%-2d  %s%n", item.id(), label(item.status()), item.earned(),
                    item.points(), item.description()));
            out.append(String.format("       %s%n", item.test()));
            if (!item.detail().isEmpty()) {
                out.append("       -> ").append(item.detail()).append('\n');
            }
        }
        if (!notSelected.isEmpty()) {
            // with -Dtest=SomeTest, one line for everything the run left out
            out.append(String.format(" %-13s %d items, %d points not selected in this run (-Dtest): %s%n",
                    "NOT RUN", notSelected.size(), notSelected.stream().mapToInt(ScoreItem::points).sum(),
                    String.join(", ", notSelected.stream().map(ScoreItem::id).toList())));
        }
        out.append(RULE).append('\n');
        out.append(' ').append(totalLine()).append(String.format("   (%d pass, %d fail, %d not run)%n",
                count(ScoreItem.Status.PASS), count(ScoreItem.Status.FAIL), count(ScoreItem.Status.NOT_RUN)));
        out.append(DOUBLE_RULE).append('\n');
        return out.toString();
    }

    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Scorecard · ").append(module).append("\n\n");
        out.append("**").append(earned()).append("/").append(possible()).append(" points**\n\n");
        out.append("| ID | what is checked | points | result | test | detail |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (ScoreItem item : items) {
            out.append("| ").append(item.id())
                    .append(" | ").append(md(item.description()))
                    .append(" | ").append(item.earned()).append("/").append(item.points())
                    .append(" | ").append(label(item.status()))
                    .append(" | `").append(item.test()).append('`')
                    .append(" | ").append(md(item.detail()))
                    .append(" |\n");
        }
        return out.toString();
    }

    public String toJson() {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("module", module);
        card.put("earned", earned());
        card.put("possible", possible());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ScoreItem item : items) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", item.id());
            row.put("description", item.description());
            row.put("points", item.points());
            row.put("earned", item.earned());
            row.put("status", item.status().name());
            row.put("test", item.test());
            row.put("detail", item.detail());
            rows.add(row);
        }
        card.put("items", rows);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(card) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code scorecard.md} and {@code scorecard.json} into {@code dir}. */
    public void writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("scorecard.md"), toMarkdown(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("scorecard.json"), toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scorecard to " + dir, e);
        }
    }

    private static String label(ScoreItem.Status status) {
        return status == ScoreItem.Status.NOT_RUN ? "NOT RUN" : status.name();
    }

    private static String md(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static final Pattern NUMBER = Pattern.compile("(\\D*)(\\d+)(.*)");

    /** E2 before E10. */
    static int naturalOrder(String a, String b) {
        Matcher ma = NUMBER.matcher(a);
        Matcher mb = NUMBER.matcher(b);
        if (ma.matches() && mb.matches() && ma.group(1).equals(mb.group(1))) {
            int byNumber = Long.compare(Long.parseLong(ma.group(2)), Long.parseLong(mb.group(2)));
            return byNumber != 0 ? byNumber : ma.group(3).compareTo(mb.group(3));
        }
        return a.compareTo(b);
    }
}
