package dev.dataeng.common.edition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Makes the student edition of the learning path: a copy of the repository in which every solution region of a
 * chapter's main code is replaced by a {@code throw new Todo("TODO pNN step K: …")} ({@link
 * dev.dataeng.common.grading.Todo}, an {@code UnsupportedOperationException} the scorecard can find even when a
 * scheduler or a child process swallows it).
 *
 * <pre>
 * // BEGIN SOLUTION step 5: hint shown to the learner
 * ... reference code ...
 * // END SOLUTION
 * </pre>
 *
 * {@code step K} is the number of the README walkthrough step that explains the region, so a learner who meets
 * {@code TODO p04 step 5} reads walkthrough step 5. A region without it (and without a hint:
 * {@code // BEGIN SOLUTION}) still works, as {@code TODO pNN: …}, and the tool names it on stderr.
 *
 * Where the region ends its method the replacement is a plain {@code throw}; where code follows it in the method,
 * {@code if (true) { throw …; }}, so the code after it still compiles. SQL files in a chapter's {@code src/main}
 * (queries, models) mark regions with {@code -- BEGIN SOLUTION} / {@code -- END SOLUTION}; such a region becomes
 * {@code SELECT 'TODO pNN step K: …' AS todo}, a query that runs and answers wrongly. Tests, READMEs and data are
 * copied as they are.
 *
 * <p>Run: {@code java -cp common/target/classes dev.dataeng.common.edition.StudentEdition . ../student-edition}
 */
public final class StudentEdition {

    private static final Pattern BEGIN =
            Pattern.compile("^(\\s*)(?://|--)\\s*BEGIN SOLUTION(?:\\s+step\\s+(\\d+))?\\s*(?::\\s*(.*))?$");
    private static final Pattern END = Pattern.compile("^\\s*(?://|--)\\s*END SOLUTION\\s*$");
    private static final Pattern CHAPTER = Pattern.compile("p\\d\\d-[a-z0-9-]+");
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", ".idea", "node_modules");

    /** What one file's rewrite did; {@code unnumbered} lists the regions (file:line) that name no step. */
    public record Rewrite(String text, int regions, List<String> unnumbered) {
    }

    private StudentEdition() {
    }

    public static void main(String[] args) {
        boolean probe = args.length == 3 && args[0].equals("--probe");
        if (args.length != 2 && !probe) {
            System.err.println("usage: StudentEdition [--probe] <repository root> <output folder>");
            System.exit(2);
        }
        try {
            int regions = probe ? write(Path.of(args[1]), Path.of(args[2]), true)
                    : write(Path.of(args[0]), Path.of(args[1]));
            System.out.println("student edition written to " + args[1] + ": " + regions + " solution regions replaced");
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("student edition failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Copies {@code root} to {@code out}, rewriting chapters' main sources. Returns the number of regions replaced. */
    public static int write(Path root, Path out) {
        return write(root, out, false);
    }

    /**
     * With {@code probe}, writes the probed edition instead (for maintainers): every region keeps its code and
     * starts with {@code RegionProbe.hit(K)}, so a test run records which walkthrough steps each item needs.
     */
    public static int write(Path root, Path out, boolean probe) {
        int[] regions = {0};
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = root.relativize(file);
                if (skipped(relative)) {
                    continue;
                }
                Path target = out.resolve(relative.toString());
                Files.createDirectories(target.getParent());
                String chapter = relative.getNameCount() > 0 ? relative.getName(0).toString() : "";
                String path = relative.toString().replace('\\', '/');
                boolean chapterMain = CHAPTER.matcher(chapter).matches() && path.contains("/src/main/");
                boolean mainCode = chapterMain && (path.endsWith(".java") || path.endsWith(".sql"));
                if (mainCode) {
                    String source = Files.readString(file, StandardCharsets.UTF_8);
                    Rewrite rewrite = probe ? probe(source, relative.toString())
                            : rewrite(source, chapter.substring(0, 3), relative.toString());
                    rewrite.unnumbered().forEach(at -> System.err.println("note: " + at + ": this solution region "
                            + "names no walkthrough step (write // BEGIN SOLUTION step K: hint)"));
                    regions[0] += rewrite.regions();
                    Files.writeString(target, rewrite.text(), StandardCharsets.UTF_8);
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return regions[0];
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            if (SKIPPED_DIRS.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    /** Replaces every region of one source file by a TODO that names the region's walkthrough step. */
    public static Rewrite rewrite(String source, String chapter, String fileName) {
        String[] lines = source.split("\n", -1);
        List<String> out = new ArrayList<>();
        List<String> unnumbered = new ArrayList<>();
        int regions = 0;
        for (int i = 0; i < lines.length; i++) {
            Matcher begin = BEGIN.matcher(lines[i]);
            if (END.matcher(lines[i]).matches()) {
                throw new IllegalArgumentException(fileName + ":" + (i + 1) + ": END SOLUTION without BEGIN");
            }
            if (!begin.matches()) {
                out.add(lines[i]);
                continue;
            }
            int end = i + 1;
            while (end < lines.length && !END.matcher(lines[end]).matches()) {
                if (BEGIN.matcher(lines[end]).matches()) {
                    throw new IllegalArgumentException(fileName + ":" + (end + 1) + ": nested BEGIN SOLUTION");
                }
                end++;
            }
            if (end == lines.length) {
                throw new IllegalArgumentException(fileName + ":" + (i + 1) + ": BEGIN SOLUTION without END");
            }
            String indent = begin.group(1);
            String file = Path.of(fileName).getFileName().toString();
            String hint = begin.group(3) == null || begin.group(3).isBlank()
                    ? "see the README's walkthrough (" + file + ")"
                    : begin.group(3).strip();
            String todo;
            if (begin.group(2) != null) {
                todo = "TODO " + chapter + " step " + Integer.parseInt(begin.group(2));
            } else {
                todo = "TODO " + chapter;
                unnumbered.add(fileName + ":" + (i + 1));
            }
            String exception = "new dev.dataeng.common.grading.Todo(\"" + todo + ": "
                    + hint.replace("\\", "\\\\").replace("\"", "\\\"") + "\")";
            if (fileName.endsWith(".sql")) {
                out.add(indent + "-- " + todo + ": " + hint);
                out.add(indent + "SELECT '" + todo + " (" + file + ")' AS todo");
            } else {
                boolean endsMethod = nextCodeLine(lines, end + 1).startsWith("}");
                out.add(indent + "// " + todo + ": your code here");
                out.add(indent + (endsMethod ? "throw " + exception + ";" : "if (true) { throw " + exception + "; }"));
            }
            regions++;
            i = end;
        }
        return new Rewrite(String.join("\n", out), regions, unnumbered);
    }

    /** The probed rewrite of one file: Java regions keep their code after a {@code RegionProbe.hit(K)}. */
    static Rewrite probe(String source, String fileName) {
        if (!fileName.endsWith(".java")) {
            return new Rewrite(source, 0, List.of());
        }
        String[] lines = source.split("\n", -1);
        List<String> out = new ArrayList<>();
        int regions = 0;
        for (String line : lines) {
            out.add(line);
            Matcher begin = BEGIN.matcher(line);
            if (begin.matches() && begin.group(2) != null) {
                out.add(begin.group(1) + "dev.dataeng.common.grading.RegionProbe.hit(" + begin.group(2) + ");");
                regions++;
            }
        }
        return new Rewrite(String.join("\n", out), regions, List.of());
    }

    private static String nextCodeLine(String[] lines, int from) {
        for (int i = from; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.isEmpty() && !line.startsWith("//")) {
                return line;
            }
        }
        return "";
    }
}
