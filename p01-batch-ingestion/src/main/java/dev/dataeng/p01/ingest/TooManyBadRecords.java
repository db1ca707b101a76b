package dev.dataeng.p01.ingest;

/** A file broke its schema's bad-record limit: it fails and is rolled back. The message is the one line. */
public class TooManyBadRecords extends RuntimeException {
    public TooManyBadRecords(String message) {
        super(message);
    }
}
