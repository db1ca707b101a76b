package dev.dataeng.common.grading;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
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
    public void executionSkipped(TestIdentifier test, String reason) {
        checklistOf(test).ifPresent(c -> record(c, test, ScoreItem.Status.NOT_RUN, "skipped: " + reason));
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        Optional<Graded> graded = checklistOf(test);
        if (graded.isEmpty()) {
            return;
        }
        switch (result.getStatus()) {
            case SUCCESSFUL -> record(graded.get(), test, ScoreItem.Status.PASS, "");
            case FAILED -> record(graded.get(), test, ScoreItem.Status.FAIL, firstLine(result));
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
    }

    /** Every item found in the compiled tests, with what happened to it in this run. */
    public Scorecard scorecard() {
        Map<String, ScoreItem> all = new LinkedHashMap<>();
        for (Graded declared : declaredItems()) {
            ScoreItem notRun = new ScoreItem(declared.checklist().id(), declared.description(),
                    declared.checklist().points(), ScoreItem.Status.NOT_RUN, declared.testName(),
                    "did not run (filtered out, or its test class failed before it started)");
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

    private static String firstLine(TestExecutionResult result) {
        return result.getThrowable().map(t -> {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            String lines = String.join(" / ", message.lines().map(String::strip).filter(l -> !l.isEmpty())
                    .limit(4).toList());
            return lines.length() > 300 ? lines.substring(0, 297) + "..." : lines;
        }).orElse("");
    }
}
