package dev.dataeng.p08.cli;

/** The engines the CLI runs a query on, by the name it takes. */
public enum Engine {
    KSTREAMS("kstreams"), FLINK("flink"), FLINK_SQL("flink-sql"), SPARK("spark");

    private final String cliName;

    Engine(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static Engine parse(String name) {
        for (Engine e : values()) {
            if (e.cliName.equalsIgnoreCase(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + name + "': kstreams, flink, flink-sql or spark");
    }
}
