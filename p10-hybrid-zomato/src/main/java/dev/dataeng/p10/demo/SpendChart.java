package dev.dataeng.p10.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The lesson as a picture: spend per event-time hour (all campaigns), as the speed layer had it before the recon
 * and as billed after it. One self-contained HTML file with an inline SVG: open it in any browser, no service.
 */
public final class SpendChart {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MM-dd HH:00").withZone(ZoneOffset.UTC);

    private SpendChart() {
    }

    public static void write(Path file, Map<Long, Long> realtimeByHour, Map<Long, Long> reconciledByHour)
            throws IOException {
        List<Long> hours = new ArrayList<>(new TreeSet<>(realtimeByHour.keySet()) {
            {
                addAll(reconciledByHour.keySet());
            }
        });
        long max = 1;
        for (Long h : hours) {
            max = Math.max(max, Math.max(realtimeByHour.getOrDefault(h, 0L), reconciledByHour.getOrDefault(h, 0L)));
        }
        int width = 900;
        int height = 420;
        int left = 90;
        int bottom = 60;
        int plotW = width - left - 30;
        int plotH = height - bottom - 40;
        double barW = hours.isEmpty() ? 0 : (double) plotW / hours.size();
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns='http://www.w3.org/2000/svg' width='").append(width).append("' height='").append(height)
                .append("' font-family='sans-serif' font-size='11'>\n");
        svg.append("<line x1='").append(left).append("' y1='").append(40 + plotH).append("' x2='").append(left + plotW)
                .append("' y2='").append(40 + plotH).append("' stroke='#333'/>\n");
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4.0;
            int y = 40 + plotH - (int) (plotH * i / 4.0);
            svg.append("<text x='").append(left - 6).append("' y='").append(y + 4).append("' text-anchor='end'>")
                    .append(String.format("%,.0f", v / 1_000_000)).append("</text>\n");
            svg.append("<line x1='").append(left).append("' y1='").append(y).append("' x2='").append(left + plotW)
                    .append("' y2='").append(y).append("' stroke='#eee'/>\n");
        }
        for (int i = 0; i < hours.size(); i++) {
            long h = hours.get(i);
            double x = left + i * barW;
            double rt = realtimeByHour.getOrDefault(h, 0L);
            double rec = reconciledByHour.getOrDefault(h, 0L);
            int rtH = (int) (plotH * rt / max);
            int recH = (int) (plotH * rec / max);
            svg.append(String.format("<rect x='%.1f' y='%d' width='%.1f' height='%d' fill='#f39c12'><title>real-time %,d"
                    + "</title></rect>%n", x + barW * 0.1, 40 + plotH - rtH, barW * 0.4, rtH, (long) rt));
            svg.append(String.format("<rect x='%.1f' y='%d' width='%.1f' height='%d' fill='#2e86de'><title>reconciled"
                    + " %,d</title></rect>%n", x + barW * 0.5, 40 + plotH - recH, barW * 0.4, recH, (long) rec));
            if (hours.size() <= 30 || i % Math.max(1, hours.size() / 15) == 0) {
                svg.append(String.format("<text x='%.1f' y='%d' text-anchor='end' transform='rotate(-45 %.1f %d)'>%s"
                        + "</text>%n", x + barW * 0.5, 52 + plotH, x + barW * 0.5, 52 + plotH,
                        HOUR.format(Instant.ofEpochMilli(h))));
            }
        }
        svg.append("<rect x='").append(left + 10).append("' y='12' width='12' height='12' fill='#f39c12'/>")
                .append("<text x='").append(left + 28).append("' y='22'>real-time (speed layer, before recon)</text>")
                .append("<rect x='").append(left + 260).append("' y='12' width='12' height='12' fill='#2e86de'/>")
                .append("<text x='").append(left + 278).append("' y='22'>reconciled (exact, billed)</text>\n");
        svg.append("<text x='14' y='").append(40 + plotH / 2).append("' transform='rotate(-90 14 ")
                .append(40 + plotH / 2).append(")'>spend per hour (rupees)</text>\n</svg>\n");
        String html = "<!doctype html>\n<html><head><meta charset='utf-8'><title>p10: real-time vs reconciled spend"
                + "</title></head>\n<body style='font-family:sans-serif'>\n<h2>Spend per event-time hour: real-time vs"
                + " reconciled</h2>\n<p>Orange: what the speed layer (Flink SQL) had billed before the recon. Blue:"
                + " the exact figure after the Spark recon over the lake. Where they differ, the speed layer missed"
                + " late events or lost state; the recon's corrections close the gap.</p>\n" + svg
                + "</body></html>\n";
        Files.createDirectories(file.getParent());
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }
}
