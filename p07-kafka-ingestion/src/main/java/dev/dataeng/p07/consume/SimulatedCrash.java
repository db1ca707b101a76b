package dev.dataeng.p07.consume;

/** Thrown at a {@link CrashPoint}: the consumer stops where it stands. */
public final class SimulatedCrash extends RuntimeException {
    public SimulatedCrash(CrashPoint point) {
        super("simulated crash " + point);
    }
}
