package dev.dataeng.p01.ingest;

import dev.dataeng.p01.read.FileFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.Map;

/**
 * What went wrong, in words: the one line a user reads after {@code error:} or {@code FAILED, rolled back:}. No
 * Java class names: the JDBC errors a loader meets (a read-only database, a locked table, a refused connection, a
 * full disk…) are told apart by their SQLSTATE or H2 error code and said as a sentence, followed by the
 * database's own first line, which names the table or value.
 */
public final class Errors {

    /** H2's error codes ({@code org.h2.api.ErrorCode}) and PostgreSQL's SQLSTATEs, to sentences. */
    private static final Map<String, String> SENTENCES = Map.ofEntries(
            Map.entry("90097", "the database is read-only: nothing can be written to it"),
            Map.entry("25006", "the database is read-only: nothing can be written to it"),
            Map.entry("50200", "a table is locked by another connection and the wait timed out"),
            Map.entry("55P03", "a table is locked by another connection and the wait timed out"),
            Map.entry("HYT00", "a table is locked by another connection and the wait timed out"),
            Map.entry("57014", "the statement was cancelled (a lock or statement timeout)"),
            Map.entry("40001", "a deadlock with another connection: the transaction was rolled back"),
            Map.entry("40P01", "a deadlock with another connection: the transaction was rolled back"),
            Map.entry("90020", "the database file is already open in another process (close it, or use H2's "
                    + "AUTO_SERVER=TRUE)"),
            Map.entry("90067", "the connection to the database broke"),
            Map.entry("08006", "the connection to the database broke"),
            Map.entry("28000", "the database refused the user name or password"),
            Map.entry("28P01", "the database refused the user name or password"),
            Map.entry("3D000", "the database named in the JDBC URL does not exist"),
            Map.entry("90100", "the disk is full"),
            Map.entry("53100", "the disk is full"),
            Map.entry("90028", "the database cannot read or write its files"),
            Map.entry("90030", "the database file is corrupted"),
            Map.entry("22001", "a value is longer than its column allows"),
            Map.entry("22003", "a number is out of its column's range"),
            Map.entry("22018", "a value cannot be converted to its column's type"),
            Map.entry("23502", "a NOT NULL column got no value"),
            Map.entry("23505", "a unique key is already in the table"),
            Map.entry("42102", "a table the loader needs does not exist"),
            Map.entry("42P01", "a table the loader needs does not exist"),
            Map.entry("42122", "a column the loader needs does not exist in the table (created by an older schema?)"),
            Map.entry("42703", "a column the loader needs does not exist in the table (created by an older schema?)"),
            Map.entry("42000", "the database rejected the SQL the loader built"),
            Map.entry("42001", "the database rejected the SQL the loader built"),
            Map.entry("42601", "the database rejected the SQL the loader built"));

    private Errors() {
    }

    /** One line saying what happened. */
    public static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return describe(u.getCause());
        }
        if (e instanceof FileFormatException || e instanceof TooManyBadRecords) {
            return e.getMessage();
        }
        if (e instanceof SQLException s) {
            return describe(s);
        }
        if (e instanceof NoSuchFileException f) {
            return "no such file: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + firstLine(f.getReason());
        }
        if (e instanceof IOException) {
            return "cannot read or write a file: " + firstLine(e.getMessage());
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof IOException) {
                return describe(t);
            }
        }
        return "unexpected failure: " + firstLine(e.getMessage());
    }

    /** The database's own first line about a failed statement (the last of a chain of batch errors). */
    public static String databaseSays(SQLException e) {
        return firstLine(last(e).getMessage());
    }

    private static SQLException last(SQLException e) {
        SQLException last = e;
        while (last.getNextException() != null) {
            last = last.getNextException();
        }
        return last;
    }

    private static String describe(SQLException e) {
        SQLException last = last(e);
        String own = firstLine(last.getMessage());
        String sentence = SENTENCES.get(String.valueOf(last.getErrorCode()));
        if (sentence == null) {
            sentence = SENTENCES.get(last.getSQLState());
        }
        if (sentence == null && last.getSQLState() != null && last.getSQLState().startsWith("08")) {
            sentence = own.contains("No suitable driver") ? "no JDBC driver on the classpath handles this URL"
                    : "the database cannot be reached (is it running? are host and port right?)";
        }
        return sentence == null ? own : sentence + " (" + own + ")";
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no details";
        }
        // H2 ends its first line with "; SQL statement:" and puts the statement on the next ones.
        String line = message.strip().lines().findFirst().orElse(message).replaceFirst(";? ?SQL statement:$", "");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
