package dev.dataeng.p02.pipeline;

/** A stop with one clear line for the user: bad input file, bad config, missing layer. */
public class PipelineException extends RuntimeException {
    public PipelineException(String message) {
        super(message);
    }

    public PipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
