package dev.dataeng.p05.quality;

/** An input that cannot be loaded under the chosen mode; the message is one line a person can act on. */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
