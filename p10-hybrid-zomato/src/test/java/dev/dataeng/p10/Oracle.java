package dev.dataeng.p10;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.common.ads.EventType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the platform must answer, computed in plain Java from the generator's truth (each event once). */
final class Oracle {
    private Oracle() {
    }

    /** A campaign's spend in one time bucket, with the counts behind it. */
    record Cell(long impressions, long clicks, long spendMicros) {
        Cell plus(Cell o) {
            return new Cell(impressions + o.impressions, clicks + o.clicks, spendMicros + o.spendMicros);
        }
    }

    static Cell cell(AdEvent e, Campaign c) {
        boolean click = e.type() == EventType.CLICK;
        return new Cell(click ? 0 : 1, click ? 1 : 0, c.costMicros(e.type()));
    }

    /** "cmp-0001|1767607200000" (campaign | minute start, epoch ms) → cell. */
    static Map<String, Cell> perMinute(List<AdEvent> unique, Map<String, Campaign> campaigns) {
        Map<String, Cell> out = new TreeMap<>();
        for (AdEvent e : unique) {
            long minute = e.eventTimeMs() - Math.floorMod(e.eventTimeMs(), 60_000L);
            out.merge(e.campaignId() + "|" + minute, cell(e, campaigns.get(e.campaignId())), Cell::plus);
        }
        return out;
    }

    /** "cmp-0001|2026-01-05" → spend in micros (before any budget cap). */
    static Map<String, Long> perDay(List<AdEvent> unique, Map<String, Campaign> campaigns) {
        Map<String, Long> out = new TreeMap<>();
        for (AdEvent e : unique) {
            out.merge(e.campaignId() + "|" + day(e.eventTimeMs()), campaigns.get(e.campaignId()).costMicros(e.type()),
                    Long::sum);
        }
        return out;
    }

    /** "cmp-0001|1767607200000" (campaign | hour start) → spend. */
    static Map<String, Long> perHour(List<AdEvent> unique, Map<String, Campaign> campaigns) {
        Map<String, Long> out = new TreeMap<>();
        for (AdEvent e : unique) {
            long hour = e.eventTimeMs() - Math.floorMod(e.eventTimeMs(), 3_600_000L);
            out.merge(e.campaignId() + "|" + hour, campaigns.get(e.campaignId()).costMicros(e.type()), Long::sum);
        }
        return out;
    }

    static String day(long epochMs) {
        return Instant.ofEpochMilli(epochMs).atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
}
