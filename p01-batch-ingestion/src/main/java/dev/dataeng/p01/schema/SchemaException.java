package dev.dataeng.p01.schema;

/** A schema file that cannot be used; the message is the one line a user sees. */
public class SchemaException extends RuntimeException {
    public SchemaException(String message) {
        super(message);
    }
}
