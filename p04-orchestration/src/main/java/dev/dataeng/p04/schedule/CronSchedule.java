package dev.dataeng.p04.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

/** A Unix cron schedule, evaluated in UTC by cron-utils (never parse cron by hand). */
public final class CronSchedule implements Schedule {
    /** Airflow's presets, as the cron expressions they stand for. */
    private static final Map<String, String> PRESETS = Map.of(
            "@hourly", "0 * * * *",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@weekly", "0 0 * * 0",
            "@monthly", "0 0 1 * *",
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *");
    private static final CronParser PARSER =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final ExecutionTime executionTime;

    public CronSchedule(String expression) {
        this.expression = expression;
        String cron = PRESETS.getOrDefault(expression, expression);
        Cron parsed;
        try {
            parsed = PARSER.parse(cron).validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cron expression: '" + expression + "' (" + e.getMessage() + ")");
        }
        this.executionTime = ExecutionTime.forCron(parsed);
    }

    @Override
    public Instant firstStartAtOrAfter(Instant startDate) {
        ZonedDateTime t = startDate.atZone(ZoneOffset.UTC);
        if (executionTime.isMatch(t)) {
            return startDate;
        }
        return following(startDate);
    }

    @Override
    public Instant following(Instant start) {
        return executionTime.nextExecution(start.atZone(ZoneOffset.UTC))
                .orElseThrow(() -> new IllegalStateException("cron '" + expression + "' never fires after " + start))
                .toInstant();
    }

    @Override
    public String expression() {
        return expression;
    }

    @Override
    public String toString() {
        return expression;
    }
}
