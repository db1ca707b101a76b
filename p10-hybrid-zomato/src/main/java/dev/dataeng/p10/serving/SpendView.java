package dev.dataeng.p10.serving;

import dev.dataeng.p10.platform.Days;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.RedisClient;

/**
 * The serving layer ("unified analytics"): a campaign's spend is the exact figure of every hour the recon has
 * reconciled plus the real-time figure of the hours since. Reads the Redis keys the billing engine writes
 * ({@code p10:rt:…}, {@code p10:rec:…}, {@code p10:campaign:…}); the recon reads the same figures to compute its
 * corrections.
 */
public final class SpendView {
    private final RedisClient redis;

    public SpendView(RedisClient redis) {
        this.redis = redis;
    }

    public SpendAnswer answer(String campaign, String day) {
        Map<String, String> minutes = redis.hgetAll("p10:rt:" + campaign + ":" + day);
        Map<String, String> hours = redis.hgetAll("p10:rec:" + campaign + ":" + day);
        String budgetText = redis.hget("p10:campaign:" + campaign, "budget");
        long budget = budgetText == null ? 0 : Long.parseLong(budgetText);
        long reconciled;
        long spend;
        long billed;
        // BEGIN SOLUTION step 7: exact up to the reconciled hours, real-time since; billed = spend capped at the budget
        reconciled = 0;
        Set<Long> reconciledHours = new HashSet<>();
        for (Map.Entry<String, String> h : hours.entrySet()) {
            reconciledHours.add(Long.parseLong(h.getKey()));
            reconciled += exactOf(h.getValue());
        }
        long realtime = 0;
        for (Map.Entry<String, String> m : minutes.entrySet()) {
            if (!reconciledHours.contains(Days.hourStart(Long.parseLong(m.getKey())))) {
                realtime += Long.parseLong(m.getValue());
            }
        }
        spend = reconciled + realtime;
        billed = budget > 0 ? Math.min(spend, budget) : spend;
        // END SOLUTION
        boolean paused = redis.sismember("p10:paused", campaign + "|" + day);
        return new SpendAnswer(campaign, day, budget, spend, billed, Math.max(0, budget - billed), reconciled, paused);
    }

    /** What billing currently holds for one campaign-hour: the reconciled figure if any, else the real-time one. */
    public long hourFigure(String campaign, long hourStart) {
        String day = Days.dayOf(hourStart).toString();
        String rec = redis.hget("p10:rec:" + campaign + ":" + day, Long.toString(hourStart));
        if (rec != null) {
            return exactOf(rec);
        }
        long sum = 0;
        for (Map.Entry<String, String> m : redis.hgetAll("p10:rt:" + campaign + ":" + day).entrySet()) {
            if (Days.hourStart(Long.parseLong(m.getKey())) == hourStart) {
                sum += Long.parseLong(m.getValue());
            }
        }
        return sum;
    }

    /** The reconciled (exact) figure of one campaign-hour, or null when no recon has confirmed it yet. */
    public Long reconciledHour(String campaign, long hourStart) {
        String rec = redis.hget("p10:rec:" + campaign + ":" + Days.dayOf(hourStart), Long.toString(hourStart));
        return rec == null ? null : exactOf(rec);
    }

    /** The real-time figure of one campaign-hour (what the speed layer said, whatever the recon did since). */
    public long realtimeHour(String campaign, long hourStart) {
        String day = Days.dayOf(hourStart).toString();
        long sum = 0;
        for (Map.Entry<String, String> m : redis.hgetAll("p10:rt:" + campaign + ":" + day).entrySet()) {
            if (Days.hourStart(Long.parseLong(m.getKey())) == hourStart) {
                sum += Long.parseLong(m.getValue());
            }
        }
        return sum;
    }

    /** Every campaign-hour the real-time layer has a figure for: "cmp|hourStart". */
    public Set<String> realtimeHours() {
        Set<String> out = new HashSet<>();
        for (String key : redis.keys("p10:rt:*")) {
            String campaign = key.substring("p10:rt:".length(), key.lastIndexOf(':'));
            for (String minute : redis.hkeys(key)) {
                out.add(campaign + "|" + Days.hourStart(Long.parseLong(minute)));
            }
        }
        return out;
    }

    private static long exactOf(String versionAndSpend) {
        return Long.parseLong(versionAndSpend.substring(versionAndSpend.indexOf(':') + 1));
    }
}
