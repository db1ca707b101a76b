package dev.dataeng.p01.cli;

/** Something the user must fix (a missing file, a database that does not answer); printed as one line. */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
