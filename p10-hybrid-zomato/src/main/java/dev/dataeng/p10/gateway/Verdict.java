package dev.dataeng.p10.gateway;

import dev.dataeng.common.ads.AdEvent;

/** The validator's answer for one element of a batch: the event, or why it was refused. */
public record Verdict(AdEvent event, RejectReason reason, String detail) {

    public static Verdict accept(AdEvent event) {
        return new Verdict(event, null, null);
    }

    public static Verdict reject(RejectReason reason, String detail) {
        return new Verdict(null, reason, detail);
    }

    public boolean accepted() {
        return event != null;
    }
}
