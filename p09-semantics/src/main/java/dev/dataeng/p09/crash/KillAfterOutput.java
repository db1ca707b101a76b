package dev.dataeng.p09.crash;

import java.util.function.LongSupplier;

/**
 * Progress for a {@link CrashDrill} of a job that commits input and output together at checkpoints: the input the
 * job has committed, except that a mark only counts as passed once the job has also written output since it
 * crossed it. So the kill lands after writes that no checkpoint has committed yet (where an at-least-once sink
 * would duplicate them), and with input still to read (which a restored job needs: watermarks are not part of a
 * checkpoint, only new events move them again).
 */
public final class KillAfterOutput implements LongSupplier {
    private final LongSupplier committedInput;
    private final LongSupplier writtenOutput;
    private final long total;
    private final double[] marks;
    private int mark;
    private long writtenAtCrossing = -1;

    public KillAfterOutput(LongSupplier committedInput, LongSupplier writtenOutput, long total, double[] marks) {
        this.committedInput = committedInput;
        this.writtenOutput = writtenOutput;
        this.total = total;
        this.marks = marks.clone();
    }

    @Override
    public long getAsLong() {
        long committed = committedInput.getAsLong();
        if (mark >= marks.length) {
            return committed;
        }
        long target = (long) Math.ceil(marks[mark] * total);
        if (committed < target) {
            return committed;
        }
        long written = writtenOutput.getAsLong();
        if (writtenAtCrossing < 0) {
            writtenAtCrossing = written;
            return target - 1;
        }
        if (written <= writtenAtCrossing) {
            return target - 1;
        }
        mark++;
        writtenAtCrossing = -1;
        return committed;
    }
}
