package dev.dataeng.p08;

import dev.dataeng.p08.model.ClickVerdict;
import dev.dataeng.p08.model.HourlyCtr;
import dev.dataeng.p08.model.MinuteSpend;
import dev.dataeng.p08.model.SilenceAlert;
import dev.dataeng.p08.model.UserSession;
import java.time.Instant;

/** How results are identified when compared: one row per campaign and window, one per click. */
final class Keys {
    private Keys() {
    }

    static String of(MinuteSpend m) {
        return m.campaignId() + " minute " + Instant.ofEpochMilli(m.windowStartMs());
    }

    static String of(HourlyCtr h) {
        return h.campaignId() + " hour from " + Instant.ofEpochMilli(h.windowStartMs());
    }

    static String of(SilenceAlert a) {
        return a.campaignId() + " silent since " + Instant.ofEpochMilli(a.silentSinceMs());
    }

    static String of(ClickVerdict v) {
        return v.clickId();
    }

    static String of(UserSession s) {
        return s.userId() + " session from " + Instant.ofEpochMilli(s.startMs());
    }
}
