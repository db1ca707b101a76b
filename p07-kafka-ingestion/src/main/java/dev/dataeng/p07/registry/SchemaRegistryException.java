package dev.dataeng.p07.registry;

/**
 * An error answer of a schema registry: the HTTP status and Confluent's {@code error_code} (40401 subject not found,
 * 40402 version not found, 40403 schema not found, 409 incompatible, 42201 invalid schema, 42203 invalid level).
 */
public final class SchemaRegistryException extends RuntimeException {
    private final int status;
    private final int errorCode;

    public SchemaRegistryException(int status, int errorCode, String message) {
        super(message + " (HTTP " + status + ", error_code " + errorCode + ")");
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }
}
