package dev.dataeng.common.grading;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints a chapter's scorecard at the end of its test run and writes it to {@code target/scorecard.{md,json}}.
 *
 * <p>Registered through {@code META-INF/services}, so every chapter that depends on {@code common} gets it; the
 * parent POM's surefire configuration passes the module name and where its compiled tests are.
 *
 * <p>Honest by construction: the list of items comes from scanning the compiled test classes for
 * {@link Checklist}, not from what happened to run. An item whose test failed scores 0 and shows FAIL; one whose test
 * was skipped, aborted, filtered out or never reached (its class failed to start) shows NOT RUN and scores 0.
 */
public class ScorecardListener implements TestExecutionListener {

    private final String module;
    private final Optional<Path> testClasses;
    private final Optional<Path> outputDir;
    private final Optional<Path> readme;
    private final PrintStream console;
    private final boolean enabled;

    /** Results by checklist ID; an ID executed several times (parameterised) keeps its worst outcome. */
    private final Map<String, ScoreItem> executed = new LinkedHashMap<>();

    /** {@code Class.method} of every graded test in this run's test plan (what {@code -Dtest} selected). */
    private final Set<String> planned = new HashSet<>();

    /** Why a test class failed before its tests started ({@code @BeforeAll}, constructor), by simple class name. */
    private final Map<String, String> classFailures = new LinkedHashMap<>();

    /** Stubs ({@link Todo}) seen when each running test started: in this JVM, and the child-process log's length. */
    private final Map<String, long[]> todoMarks = new HashMap<>();

    /** Shown with a test that timed out: what a chapter's tests most often loop on (the POM can set it). */
    private final String timeoutHint = System.getProperty("scorecard.timeoutHint", "");

    /** Probed edition only: walkthrough steps run by the current class's set-up, and by each graded item. */
    private final Set<Integer> classSteps = new java.util.TreeSet<>();
    private final Map<String, Set<Integer>> stepsById = new java.util.TreeMap<>();

    /** Detail of an item whose test was not selected in this run (e.g. {@code -Dtest=SomeTest}). */
    static final String NOT_SELECTED = "not selected in this run";

    /** Used by the JUnit Platform's service loader: configuration from system properties set by surefire. */
    public ScorecardListener() {
        this(System.getProperty("scorecard.module", "tests"),
                Optional.ofNullable(System.getProperty("scorecard.testClasses")).map(Path::of),
                Optional.ofNullable(System.getProperty("scorecard.outputDir")).map(Path::of),
                Optional.ofNullable(System.getProperty("scorecard.readme")).map(Path::of),
                System.out,
                !"false".equals(System.getProperty("scorecard.enabled")));
    }

    public ScorecardListener(String module, Optional<Path> testClasses, Optional<Path> outputDir,
            Optional<Path> readme, PrintStream console, boolean enabled) {
        this.module = module;
        this.testClasses = testClasses;
        this.outputDir = outputDir;
        this.readme = readme;
        this.console = console;
        this.enabled = enabled;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier test : plan.getDescendants(root)) {
                checklistOf(test).ifPresent(g -> planned.add(g.testName()));
            }
        }
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        if (test.getSource().isPresent() && test.getSource().get() instanceof ClassSource) {
            RegionProbe.drain();
            classSteps.clear();
        }
        if (checklistOf(test).isPresent()) {
            classSteps.addAll(RegionProbe.drain());
            todoMarks.put(test.getUniqueId(), new long[] {Todo.count(), todoLogLength()});
        }
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        checklistOf(test).ifPresent(c -> record(c, test, ScoreItem.Status.NOT_RUN, "skipped: " + reason));
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        Optional<Graded> graded = checklistOf(test);
        if (graded.isEmpty()) {
            if (result.getStatus() == TestExecutionResult.Status.FAILED && test.getSource().isPresent()
                    && test.getSource().get() instanceof ClassSource classSource) {
                String name = classSource.getClassName();
                classFailures.put(name.substring(name.lastIndexOf('.') + 1), explain(result, List.of()));
            }
            return;
        }
        if (RegionProbe.used()) {
            Set<Integer> steps = stepsById.computeIfAbsent(graded.get().checklist().id(), id -> new java.util.TreeSet<>());
            steps.addAll(classSteps);
            steps.addAll(RegionProbe.drain());
        }
        switch (result.getStatus()) {
            case SUCCESSFUL -> record(graded.get(), test, ScoreItem.Status.PASS, "");
            case FAILED -> record(graded.get(), test, ScoreItem.Status.FAIL, explain(result, todosSince(test)));
            case ABORTED -> record(graded.get(), test, ScoreItem.Status.NOT_RUN, "aborted: " + firstLine(result));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (!enabled) {
            return;
        }
        Scorecard card = scorecard();
        if (card.items().isEmpty()) {
            return;
        }
        console.print(card.toConsole());
        if (!GradingSeed.describe().equals("default")) {
            console.println(" data generated with -D" + GradingSeed.PROPERTY + "=" + GradingSeed.describe());
        }
        readme.ifPresent(path -> {
            List<String> problems = ReadmeChecklist.problems(path, card.items());
            if (problems.isEmpty()) {
                console.println(" README checklist table matches the graded tests.");
            } else {
                console.println(" README checklist table disagrees with the graded tests:");
                problems.forEach(p -> console.println("   - " + p));
            }
        });
        console.flush();
        outputDir.ifPresent(card::writeTo);
        outputDir.ifPresent(dir -> updatePathScorecard());
        if (RegionProbe.used() && outputDir.isPresent()) {
            StringBuilder hits = new StringBuilder();
            stepsById.forEach((id, steps) -> hits.append(id).append(' ').append(steps.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(","))).append('\n'));
            try {
                Files.writeString(outputDir.get().resolve("region-hits.txt"), hits.toString(),
                        java.nio.charset.StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                console.println("scorecard: cannot write region-hits.txt: " + e.getMessage());
            }
        }
    }

    /**
     * Refreshes {@code target/path-scorecard.*} at the repository root (the chapter's parent folder) from every
     * chapter's last scorecard; the chapter the root POM lists last prints the path table, the others one line.
     */
    private void updatePathScorecard() {
        Optional<Path> root = readme.map(Path::toAbsolutePath).map(Path::getParent).map(Path::getParent)
                .filter(r -> PathScorecard.chapterModules(r).contains(module));
        if (root.isEmpty()) {
            return;
        }
        try {
            PathScorecard path = PathScorecard.collect(root.get());
            path.writeTo(root.get());
            List<String> chapters = PathScorecard.chapterModules(root.get());
            if (chapters.get(chapters.size() - 1).equals(module)) {
                console.print(path.toConsole());
            } else {
                console.println(" " + path.totalLine() + " (target/path-scorecard.md)");
            }
            console.flush();
        } catch (RuntimeException e) {
            console.println("scorecard: cannot update the path scorecard: " + e.getMessage());
        }
    }

    /** Every item found in the compiled tests, with what happened to it in this run. */
    public Scorecard scorecard() {
        Map<String, ScoreItem> all = new LinkedHashMap<>();
        for (Graded declared : declaredItems()) {
            String className = declared.testName().substring(0, declared.testName().indexOf('.'));
            String why = classFailures.containsKey(className)
                    ? "did not run: its test class failed before it started: " + classFailures.get(className)
                    : !planned.isEmpty() && !planned.contains(declared.testName()) ? NOT_SELECTED
                    : "did not run (filtered out, or its test class failed before it started)";
            ScoreItem notRun = new ScoreItem(declared.checklist().id(), declared.description(),
                    declared.checklist().points(), ScoreItem.Status.NOT_RUN, declared.testName(), why);
            ScoreItem previous = all.putIfAbsent(notRun.id(), notRun);
            if (previous != null && !previous.test().equals(notRun.test())) {
                all.put(notRun.id(), new ScoreItem(notRun.id(), notRun.description(), notRun.points(),
                        ScoreItem.Status.FAIL, notRun.test(),
                        "checklist ID " + notRun.id() + " is used twice: by " + previous.test() + " and "
                                + notRun.test()));
            }
        }
        for (ScoreItem result : executed.values()) {
            ScoreItem declared = all.get(result.id());
            if (declared != null && declared.status() == ScoreItem.Status.FAIL
                    && declared.detail().startsWith("checklist ID")) {
                continue; // a duplicated ID stays a failure, whatever its tests did
            }
            all.put(result.id(), result);
        }
        return new Scorecard(module, new ArrayList<>(all.values()));
    }

    private synchronized void record(Graded graded, TestIdentifier test, ScoreItem.Status status, String detail) {
        String id = graded.checklist().id();
        ScoreItem item = new ScoreItem(id, graded.description(), graded.checklist().points(), status,
                graded.testName(), detail);
        ScoreItem before = executed.get(id);
        if (before == null || rank(status) > rank(before.status())) {
            executed.put(id, item);
        }
    }

    /** For parameterised tests: one failed invocation fails the item, one not-run invocation makes it not run. */
    private static int rank(ScoreItem.Status status) {
        return switch (status) {
            case PASS -> 0;
            case NOT_RUN -> 1;
            case FAIL -> 2;
        };
    }

    private record Graded(Checklist checklist, String description, String testName) {
        static Graded of(Method method, Checklist checklist) {
            DisplayName name = method.getAnnotation(DisplayName.class);
            String description = name != null ? name.value() : method.getName();
            return new Graded(checklist, description,
                    method.getDeclaringClass().getSimpleName() + "." + method.getName());
        }
    }

    private static Optional<Graded> checklistOf(TestIdentifier test) {
        Optional<TestSource> source = test.getSource();
        if (source.isEmpty() || !(source.get() instanceof MethodSource methodSource)) {
            return Optional.empty();
        }
        try {
            Method method = methodSource.getJavaMethod();
            return Optional.ofNullable(method.getAnnotation(Checklist.class)).map(c -> Graded.of(method, c));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    private List<Graded> declaredItems() {
        if (testClasses.isEmpty() || !Files.isDirectory(testClasses.get())) {
            return List.of();
        }
        Path root = testClasses.get();
        List<Graded> found = new ArrayList<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String relative = root.relativize(file).toString();
                String className = relative.substring(0, relative.length() - ".class".length())
                        .replace(file.getFileSystem().getSeparator(), ".");
                try {
                    Class<?> type = Class.forName(className, false, loader);
                    for (Method method : type.getDeclaredMethods()) {
                        Checklist checklist = method.getAnnotation(Checklist.class);
                        if (checklist != null) {
                            found.add(Graded.of(method, checklist));
                        }
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // not loadable on its own (e.g. a synthetic class): it cannot carry a graded test
                }
            }
        } catch (IOException e) {
            console.println("scorecard: cannot scan " + root + ": " + e.getMessage());
        }
        return found;
    }

    /**
     * The failure message a learner reads: its first lines; for a timeout, what probably loops and where the test
     * was when it was stopped; and, when a TODO stub ran during the test but its exception did not reach the test
     * (caught by a scheduler, an executor or a child process), that stub.
     */
    private String explain(TestExecutionResult result, List<String> todos) {
        Optional<Throwable> thrown = result.getThrowable();
        String message = firstLine(result);
        if (thrown.isPresent() && isTimeout(thrown.get())) {
            message = message + ": the code under test probably loops or waits for something that never happens"
                    + (timeoutHint.isBlank() ? "" : " (" + timeoutHint + ")")
                    + whereItWas(thrown.get()).map(at -> "; it was at " + at).orElse("");
        }
        if (!todos.isEmpty() && !message.contains("TODO ")) {
            message = message + " · a TODO stub ran during this test: " + todos.get(0);
        }
        return message;
    }

    private static boolean isTimeout(Throwable t) {
        for (Throwable e = t; e != null; e = e.getCause()) {
            if (e instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The deepest frame of the path's code in the timed-out thread's stack (JUnit attaches it), preferring a frame
     * outside the test classes: that is where the loop is.
     */
    private static Optional<String> whereItWas(Throwable t) {
        StackTraceElement inTests = null;
        for (Throwable e = t; e != null; e = e.getCause()) {
            for (StackTraceElement frame : e.getStackTrace()) {
                String c = frame.getClassName();
                if (!c.startsWith("dev.dataeng.")) {
                    continue;
                }
                String outer = c.contains("$") ? c.substring(0, c.indexOf('$')) : c;
                if (!outer.endsWith("Test")) {
                    return Optional.of(c + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                            + frame.getLineNumber() + ")");
                }
                if (inTests == null) {
                    inTests = frame;
                }
            }
        }
        return Optional.ofNullable(inTests).map(f -> f.getClassName() + "." + f.getMethodName() + "("
                + f.getFileName() + ":" + f.getLineNumber() + ")");
    }

    private List<String> todosSince(TestIdentifier test) {
        long[] mark = todoMarks.remove(test.getUniqueId());
        if (mark == null) {
            return List.of();
        }
        List<String> found = new ArrayList<>(Todo.since((int) mark[0]));
        Optional<Path> log = todoLog();
        if (log.isPresent() && todoLogLength() > mark[1]) {
            try {
                byte[] all = Files.readAllBytes(log.get());
                String added = new String(all, (int) mark[1], all.length - (int) mark[1],
                        java.nio.charset.StandardCharsets.UTF_8);
                added.lines().filter(l -> !l.isBlank()).forEach(found::add);
            } catch (IOException | RuntimeException e) {
                // the log is a convenience; without it the message is what the test said
            }
        }
        return found;
    }

    private static Optional<Path> todoLog() {
        String log = System.getenv(Todo.LOG_ENV);
        return log == null || log.isBlank() ? Optional.empty() : Optional.of(Path.of(log));
    }

    private static long todoLogLength() {
        try {
            Optional<Path> log = todoLog();
            return log.isPresent() && Files.exists(log.get()) ? Files.size(log.get()) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String firstLine(TestExecutionResult result) {
        return result.getThrowable().map(t -> {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            String lines = String.join(" / ", message.lines().map(String::strip).filter(l -> !l.isEmpty())
                    .limit(4).toList());
            return lines.length() > 300 ? lines.substring(0, 297) + "..." : lines;
        }).orElse("");
    }
}
