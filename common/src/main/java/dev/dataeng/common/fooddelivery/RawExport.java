package dev.dataeng.common.fooddelivery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the generator's data as the raw files a platform would export: CSV with a header, JSON Lines, or a JSON
 * array, with dirt on demand. Same generator config and dirt, same bytes.
 *
 * <p>Each call returns an {@link ExportReport} listing every dirty record and its kind: the ground truth that lets a
 * test say "this file has 37 records with a bad date, so 37 must be quarantined for a bad date". The reference
 * table {@code cities} is always written clean.
 */
public final class RawExport {

    /** File formats of a raw export. */
    public enum Format {
        CSV("csv"), JSON_LINES("jsonl"), JSON_ARRAY("json");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    private static final CSVFormat CSV_FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
    private static final DateTimeFormatter ALT_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter ALT_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Pattern PLAIN_INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final FoodDeliveryGenerator generator;
    private final Dirt dirt;

    public RawExport(FoodDeliveryGenerator generator, Dirt dirt) {
        this.generator = generator;
        this.dirt = dirt;
    }

    /** Writes every raw table as {@code <table>.<ext>} into {@code dir}, plus {@code manifest.json}. */
    public List<ExportReport> writeAll(Path dir, Format format) {
        List<ExportReport> reports = new ArrayList<>();
        for (RawTable<?> table : RawTables.ALL) {
            reports.add(write(table, format, dir.resolve(table.name() + "." + format.extension())));
        }
        writeManifest(reports, dir.resolve("manifest.json"));
        return reports;
    }

    public <T> ExportReport write(RawTable<T> table, Format format, Path file) {
        try (Stream<T> rows = table.rows(generator)) {
            return write(table, rows, format, file);
        }
    }

    /** Writes {@code rows} (any subset, e.g. one day's orders) with this export's dirt. */
    public <T> ExportReport write(RawTable<T> table, Stream<T> rows, Format format, Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                RowSink sink = switch (format) {
                    case CSV -> new CsvSink(out, table);
                    case JSON_LINES -> new JsonSink(out, table, false);
                    case JSON_ARRAY -> new JsonSink(out, table, true);
                };
                List<DirtyRecord> dirty = new ArrayList<>();
                long[] written = {0};
                long[] index = {0};
                rows.forEachOrdered(row -> {
                    List<String> values = new ArrayList<>(table.render().apply(row));
                    for (Emitted e : dirty(table, values, index[0]++)) {
                        written[0]++;
                        sink.write(e.values());
                        if (e.kind() != null) {
                            dirty.add(new DirtyRecord(written[0], e.kind(), e.column(), key(table, e.values())));
                        }
                    }
                });
                sink.close();
                return new ExportReport(table.name(), file, written[0], dirty);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Writes the reports as JSON: counts per table and kind, and every dirty record. */
    public static void writeManifest(List<ExportReport> reports, Path file) {
        List<Map<String, Object>> tables = new ArrayList<>();
        for (ExportReport report : reports) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("table", report.table());
            t.put("file", report.file().getFileName().toString());
            t.put("records", report.records());
            t.put("clean", report.clean());
            Map<String, Long> counts = new LinkedHashMap<>();
            report.counts().forEach((k, v) -> counts.put(k.name(), v));
            t.put("dirt", counts);
            t.put("dirtyRecords", report.dirty().stream().map(d -> List.of(d.recordNumber(), d.kind().name(),
                    d.column(), d.key())).toList());
            tables.add(t);
        }
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(),
                    Map.of("tables", tables));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    // ------------------------------------------------------------------ dirt

    private record Emitted(List<String> values, DirtKind kind, String column) {
    }

    private <T> List<Emitted> dirty(RawTable<T> table, List<String> clean, long index) {
        if (dirt.isClean() || table == RawTables.CITIES) {
            return List.of(new Emitted(clean, null, ""));
        }
        SplittableRandom r = new SplittableRandom(Seeds.mix(generator.config().seed(), "dirt:" + table.name(), index));
        if (r.nextDouble() >= dirt.rate()) {
            return List.of(new Emitted(clean, null, ""));
        }
        List<DirtKind> usable = dirt.kinds().stream().filter(k -> !candidates(table, clean, k).isEmpty()).toList();
        if (usable.isEmpty()) {
            return List.of(new Emitted(clean, null, ""));
        }
        DirtKind kind = usable.get(r.nextInt(usable.size()));
        List<Integer> columns = candidates(table, clean, kind);
        int c = columns.get(r.nextInt(columns.size()));
        String column = table.columns().get(c).name();
        List<String> v = new ArrayList<>(clean);
        switch (kind) {
            case PADDED_WHITESPACE -> v.set(c, "  " + v.get(c) + " ");
            case LOWERCASE_CODE -> v.set(c, v.get(c).toLowerCase(java.util.Locale.ROOT));
            case ALT_DATE_FORMAT -> v.set(c, table.columns().get(c).type() == ColumnType.DATE
                    ? ALT_DATE.format(LocalDate.parse(v.get(c)))
                    : ALT_TIMESTAMP.format(Instant.parse(v.get(c))));
            case DECIMAL_COMMA -> v.set(c, v.get(c).replace('.', ','));
            case BOOLEAN_WORD -> {
                boolean value = Boolean.parseBoolean(v.get(c));
                String[] words = value ? new String[] {"yes", "Y", "1"} : new String[] {"no", "N", "0"};
                v.set(c, words[r.nextInt(words.length)]);
            }
            case MISSING_REQUIRED -> v.set(c, "");
            case BAD_DATE -> v.set(c, pick(r, table.columns().get(c).type() == ColumnType.DATE
                    ? new String[] {"2025-02-30", "31/31/2025", "yesterday", "2025-1-1x"}
                    : new String[] {"2025-13-01T10:00:00Z", "2025-01-15T25:61:00Z", "not a time", "0000-00-00"}));
            case WRONG_TYPE -> v.set(c, pick(r, new String[] {"N/A", "12a", "one", "#REF!"}));
            case NEGATIVE_AMOUNT -> v.set(c, "-" + v.get(c));
            case UNKNOWN_CODE -> v.set(c, pick(r, new String[] {"LOST", "UNKNOWN", "PENDING_REVIEW", "X"}));
            case ORPHAN_KEY -> v.set(c, Long.toString(900_000_000L + r.nextInt(1_000_000)));
            case DELIVERY_BEFORE_PICKUP -> {
                Instant pickup = Instant.parse(v.get(table.indexOf("picked_up_at")));
                v.set(c, RawTable.TIMESTAMP.format(pickup.minusSeconds(300 + r.nextInt(1500))));
            }
            case DUPLICATE -> {
                return List.of(new Emitted(clean, null, ""), new Emitted(clean, kind, ""));
            }
            case CORRECTION -> {
                return List.of(new Emitted(clean, null, ""), new Emitted(correct(table, clean, r), kind, ""));
            }
        }
        return List.of(new Emitted(v, kind, column));
    }

    /** Column indexes where {@code kind} can be applied to this row; whole-row kinds use column 0. */
    private static List<Integer> candidates(RawTable<?> table, List<String> values, DirtKind kind) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            RawColumn col = table.columns().get(i);
            boolean isKey = table.key().contains(col.name());
            String value = values.get(i);
            boolean fits = switch (kind) {
                case PADDED_WHITESPACE -> col.type() == ColumnType.STRING && !value.isEmpty() && !isKey;
                case LOWERCASE_CODE, UNKNOWN_CODE -> col.isCode();
                case ALT_DATE_FORMAT, BAD_DATE ->
                        (col.type() == ColumnType.DATE || col.type() == ColumnType.TIMESTAMP) && !value.isEmpty();
                case DECIMAL_COMMA -> col.type() == ColumnType.DECIMAL && value.contains(".");
                case BOOLEAN_WORD -> col.type() == ColumnType.BOOLEAN;
                case MISSING_REQUIRED -> col.required() && !isKey;
                case WRONG_TYPE -> (col.type() == ColumnType.INTEGER || col.type() == ColumnType.DECIMAL) && !isKey;
                case NEGATIVE_AMOUNT -> col.nonNegative() && !value.isEmpty() && new BigDecimal(value).signum() > 0;
                case ORPHAN_KEY -> col.isForeignKey() && !isKey;
                case DELIVERY_BEFORE_PICKUP -> col.name().equals("delivered_at");
                case DUPLICATE -> i == 0;
                case CORRECTION -> i == 0 && table.header().contains("updated_at")
                        && (table == RawTables.ORDERS || table == RawTables.CUSTOMERS
                                || table == RawTables.RESTAURANTS);
            };
            if (fits) {
                out.add(i);
            }
        }
        return out;
    }

    /** A later version of the same key: a refund, a rating change, a new phone number. */
    private static List<String> correct(RawTable<?> table, List<String> clean, SplittableRandom r) {
        List<String> v = new ArrayList<>(clean);
        int updated = table.indexOf("updated_at");
        v.set(updated, RawTable.TIMESTAMP.format(Instant.parse(clean.get(updated))
                .plusSeconds(86_400L + r.nextInt(2 * 86_400))));
        if (table == RawTables.ORDERS) {
            int status = table.indexOf("status");
            v.set(status, clean.get(status).equals("REFUNDED") ? "DELIVERED" : "REFUNDED");
        } else if (table == RawTables.RESTAURANTS) {
            int rating = table.indexOf("rating");
            BigDecimal changed = new BigDecimal(clean.get(rating)).add(BigDecimal.valueOf(1 + r.nextInt(4), 1));
            v.set(rating, changed.min(new BigDecimal("5.0")).toPlainString());
        } else {
            v.set(table.indexOf("phone"), "+91" + (7_000_000_000L + r.nextLong(2_999_999_999L)));
        }
        return v;
    }

    private static String key(RawTable<?> table, List<String> values) {
        return String.join("|", table.key().stream().map(k -> values.get(table.indexOf(k))).toList());
    }

    private static String pick(SplittableRandom r, String[] options) {
        return options[r.nextInt(options.length)];
    }

    // ------------------------------------------------------------------ sinks

    private interface RowSink {
        void write(List<String> values);

        void close() throws IOException;
    }

    private static final class CsvSink implements RowSink {
        private final CSVPrinter printer;

        CsvSink(Writer out, RawTable<?> table) throws IOException {
            this.printer = new CSVPrinter(out, CSV_FORMAT);
            printer.printRecord(table.header());
        }

        @Override
        public void write(List<String> values) {
            try {
                printer.printRecord(values);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            printer.flush();
        }
    }

    /** Numbers and booleans as JSON numbers and booleans when they are well-formed, anything else as a string. */
    private static final class JsonSink implements RowSink {
        private final JsonGenerator json;
        private final RawTable<?> table;
        private final boolean array;
        private final Writer out;
        private boolean first = true;

        JsonSink(Writer out, RawTable<?> table, boolean array) throws IOException {
            this.out = out instanceof BufferedWriter ? out : new BufferedWriter(out);
            this.json = new JsonFactory().createGenerator(this.out);
            this.json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            this.table = table;
            this.array = array;
            if (array) {
                this.out.write("[");
            }
        }

        @Override
        public void write(List<String> values) {
            try {
                if (array) {
                    out.write(first ? "\n" : ",\n");
                }
                first = false;
                json.writeStartObject();
                for (int i = 0; i < values.size(); i++) {
                    RawColumn col = table.columns().get(i);
                    String value = values.get(i);
                    json.writeFieldName(col.name());
                    if (value.isEmpty()) {
                        json.writeNull();
                    } else if (col.type() == ColumnType.INTEGER && PLAIN_INTEGER.matcher(value).matches()) {
                        json.writeNumber(Long.parseLong(value));
                    } else if (col.type() == ColumnType.DECIMAL && PLAIN_DECIMAL.matcher(value).matches()) {
                        json.writeNumber(new BigDecimal(value));
                    } else if (col.type() == ColumnType.BOOLEAN && (value.equals("true") || value.equals("false"))) {
                        json.writeBoolean(Boolean.parseBoolean(value));
                    } else {
                        json.writeString(value);
                    }
                }
                json.writeEndObject();
                json.flush();
                if (!array) {
                    out.write("\n");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            if (array) {
                out.write(first ? "]\n" : "\n]\n");
            }
            json.close();
            out.flush();
        }
    }
}
