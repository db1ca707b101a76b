package dev.dataeng.p01.read;

/** A file that cannot be read as its dataset's format says (no such header column, broken JSON); one line. */
public class FileFormatException extends RuntimeException {
    public FileFormatException(String message) {
        super(message);
    }
}
