package dev.dataeng.p10.recon;

/**
 * A pricing rule fixed after the fact: on {@code day} (UTC, {@code 2026-01-05}) the campaign's events are priced at
 * {@code bidMicros} instead of the catalogue's bid. Parsed from {@code cmp-0003@2026-01-05=150000000}.
 */
public record PriceFix(String campaignId, String day, long bidMicros) {

    public static PriceFix parse(String text) {
        int at = text.indexOf('@');
        int eq = text.indexOf('=');
        if (at < 1 || eq < at) {
            throw new IllegalArgumentException("a price fix reads campaign@day=bidMicros, was '" + text + "'");
        }
        return new PriceFix(text.substring(0, at), text.substring(at + 1, eq), Long.parseLong(text.substring(eq + 1)));
    }
}
