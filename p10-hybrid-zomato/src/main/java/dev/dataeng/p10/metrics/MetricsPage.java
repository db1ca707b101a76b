package dev.dataeng.p10.metrics;

import java.util.ArrayList;
import java.util.List;

/** A Prometheus text page, parsed just enough to read a series' value (what {@code status} and the tests do). */
public final class MetricsPage {
    private record Sample(String name, String labels, double value) {
    }

    private final List<Sample> samples;

    private MetricsPage(List<Sample> samples) {
        this.samples = samples;
    }

    public static MetricsPage parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space).trim();
            int brace = series.indexOf('{');
            String name = brace < 0 ? series : series.substring(0, brace);
            String labels = brace < 0 ? "" : series.substring(brace);
            out.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
        }
        return new MetricsPage(out);
    }

    /** The sum over every sample of a series (all label sets); 0 when absent. */
    public double sum(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).sum();
    }

    /** The value of the sample of a series whose labels contain {@code label}; 0 when absent. */
    public double value(String name, String label) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().contains(label))
                .mapToDouble(Sample::value).findFirst().orElse(0);
    }

    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name) || s.name().startsWith(name + "_"));
    }
}
