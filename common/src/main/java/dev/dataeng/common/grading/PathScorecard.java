package dev.dataeng.common.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole path at a glance: every chapter's points from its last test run ({@code pNN-…/target/scorecard.json}),
 * and the total, written to {@code target/path-scorecard.{md,json}} at the repository root.
 *
 * <p>A chapter's test run cannot see the others', so each chapter's scorecard listener refreshes the path files
 * after writing its own scorecard; the chapter listed last in the root POM prints the path table, which makes
 * {@code ./mvnw test} end with it. A chapter that never ran shows as not run yet; a chapter run alone with
 * {@code -pl} updates its row and prints one line.
 */
public record PathScorecard(List<Chapter> chapters) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MODULE = Pattern.compile("<module>\\s*(p\\d\\d-[A-Za-z0-9-]+)\\s*</module>");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /** One chapter's row; {@code lastRun} is empty when the chapter has no scorecard yet. */
    public record Chapter(String module, int earned, int possible, int items, int passed, Optional<Instant> lastRun) {
    }

    /** The chapters the root POM lists, in its order, with what their last scorecards say. */
    public static PathScorecard collect(Path root) {
        List<Chapter> chapters = new ArrayList<>();
        for (String module : chapterModules(root)) {
            Path card = root.resolve(module).resolve("target/scorecard.json");
            if (!Files.isRegularFile(card)) {
                chapters.add(new Chapter(module, 0, 0, 0, 0, Optional.empty()));
                continue;
            }
            try {
                JsonNode json = JSON.readTree(card.toFile());
                int passed = 0;
                for (JsonNode item : json.path("items")) {
                    passed += "PASS".equals(item.path("status").asText()) ? 1 : 0;
                }
                chapters.add(new Chapter(module, json.path("earned").asInt(), json.path("possible").asInt(),
                        json.path("items").size(), passed, Optional.of(Files.getLastModifiedTime(card).toInstant())));
            } catch (IOException e) {
                chapters.add(new Chapter(module, 0, 0, 0, 0, Optional.empty()));
            }
        }
        return new PathScorecard(chapters);
    }

    /** {@code <module>pNN-…</module>} lines of the root POM, in order. */
    public static List<String> chapterModules(Path root) {
        try {
            Matcher m = MODULE.matcher(Files.readString(root.resolve("pom.xml"), StandardCharsets.UTF_8));
            List<String> modules = new ArrayList<>();
            while (m.find()) {
                modules.add(m.group(1));
            }
            return modules;
        } catch (IOException e) {
            return List.of();
        }
    }

    public int earned() {
        return chapters.stream().mapToInt(Chapter::earned).sum();
    }

    public int possible() {
        return chapters.stream().mapToInt(Chapter::possible).sum();
    }

    public String totalLine() {
        long run = chapters.stream().filter(c -> c.lastRun().isPresent()).count();
        return "path · " + earned() + "/" + possible() + " points in " + run + " of " + chapters.size()
                + " chapters run";
    }

    public String toConsole() {
        StringBuilder out = new StringBuilder();
        out.append('\n').append("=".repeat(78)).append('\n');
        out.append(" PATH SCORECARD").append('\n').append("-".repeat(78)).append('\n');
        for (Chapter c : chapters) {
            out.append(String.format(" %-24s %s%n", c.module(), c.lastRun().isEmpty() ? "not run yet"
                    : String.format("%3d/%-3d points  %2d/%-2d items  %s  (run %s UTC)", c.earned(), c.possible(),
                            c.passed(), c.items(), bar(c), WHEN.format(c.lastRun().get()))));
        }
        out.append("-".repeat(78)).append('\n').append(' ').append(totalLine()).append('\n');
        out.append("=".repeat(78)).append('\n');
        return out.toString();
    }

    public String toMarkdown() {
        StringBuilder out = new StringBuilder("# Path scorecard\n\n**" + earned() + "/" + possible() + " points**\n\n");
        out.append("| chapter | points | items passed | last run (UTC) |\n|---|---|---|---|\n");
        for (Chapter c : chapters) {
            out.append("| ").append(c.module()).append(" | ")
                    .append(c.lastRun().isEmpty() ? "not run yet | | |\n"
                            : c.earned() + "/" + c.possible() + " | " + c.passed() + "/" + c.items() + " | "
                                    + WHEN.format(c.lastRun().get()) + " |\n");
        }
        return out.toString();
    }

    public String toJson() {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("earned", earned());
        card.put("possible", possible());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Chapter c : chapters) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("module", c.module());
            row.put("earned", c.earned());
            row.put("possible", c.possible());
            row.put("items", c.items());
            row.put("passed", c.passed());
            row.put("lastRun", c.lastRun().map(Instant::toString).orElse(null));
            rows.add(row);
        }
        card.put("chapters", rows);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(card) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code target/path-scorecard.md} and {@code .json} under {@code root}. */
    public void writeTo(Path root) {
        try {
            Path dir = Files.createDirectories(root.resolve("target"));
            Files.writeString(dir.resolve("path-scorecard.md"), toMarkdown(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("path-scorecard.json"), toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the path scorecard under " + root, e);
        }
    }

    private static String bar(Chapter c) {
        int width = 10;
        int full = c.possible() == 0 ? 0 : Math.round(width * (float) c.earned() / c.possible());
        return "[" + "#".repeat(full) + ".".repeat(width - full) + "]";
    }
}
