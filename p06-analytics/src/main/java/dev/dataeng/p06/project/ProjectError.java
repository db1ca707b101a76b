package dev.dataeng.p06.project;

/**
 * A problem with the project or its run that a person must fix: a missing model, a cycle, a bad config value, an
 * unreachable database. Its message is one line that says what and where; the CLI prints it and exits non-zero.
 */
public class ProjectError extends RuntimeException {
    public ProjectError(String message) {
        super(message);
    }

    public ProjectError(String message, Throwable cause) {
        super(message, cause);
    }
}
