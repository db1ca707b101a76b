package dev.dataeng.p01.read;

import dev.dataeng.p01.schema.ColumnSpec;
import dev.dataeng.p01.schema.DatasetSchema;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV with a header row (Apache Commons CSV): the schema's delimiter and quote, quoted fields that hold the
 * delimiter, quotes or line breaks. Columns are found by header name, so their order in the file does not matter.
 */
final class CsvRecordReader implements RecordReader {

    private final Path file;
    private final CountingInputStream bytes;
    private final StrictDecoder decoder;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final CSVFormat format;
    private final int[] positions;
    private final int headerSize;
    private long recordNo;
    private long nextLine;

    CsvRecordReader(Path file, Reader text, CountingInputStream bytes, StrictDecoder decoder, DatasetSchema schema)
            throws IOException {
        this.file = file;
        this.bytes = bytes;
        this.decoder = decoder;
        this.format = CSVFormat.DEFAULT.builder()
                .setDelimiter(schema.options().delimiter())
                .setQuote(schema.options().quote())
                .setRecordSeparator("\n")
                .get();
        CSVFormat withHeader = format.builder().setHeader().setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true).setAllowDuplicateHeaderNames(true).get();
        try {
            this.parser = CSVParser.builder().setReader(text).setFormat(withHeader).get();
        } catch (UncheckedIOException | IllegalArgumentException e) {
            text.close();
            throw new FileFormatException(file.getFileName() + ": cannot read the CSV header: " + e.getMessage());
        }
        List<String> header = parser.getHeaderNames();
        this.headerSize = header.size();
        try {
            this.positions = columnPositions(header, schema, file);
        } catch (FileFormatException e) {
            parser.close();
            throw e;
        }
        this.records = parser.iterator();
        this.nextLine = parser.getCurrentLineNumber() + 1;
    }

    /**
     * Where each schema column sits in the file: the index of the header field whose name is the column's
     * {@code source} (ignoring case and spaces around it). A column the header lacks makes the file unusable.
     */
    static int[] columnPositions(List<String> header, DatasetSchema schema, Path file) {
        // BEGIN SOLUTION step 3
        List<ColumnSpec> columns = schema.columns();
        int[] positions = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            String source = columns.get(i).source();
            int position = -1;
            for (int h = 0; h < header.size(); h++) {
                if (header.get(h).trim().equalsIgnoreCase(source)) {
                    position = h;
                    break;
                }
            }
            if (position < 0) {
                throw new FileFormatException(file.getFileName() + ": the header has no column '" + source
                        + "' (schema " + schema.dataset() + " v" + schema.schemaVersion() + " needs it); header is "
                        + header);
            }
            positions[i] = position;
        }
        return positions;
        // END SOLUTION
    }

    @Override
    public boolean hasNext() {
        try {
            return records.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new FileFormatException(file.getFileName() + ": malformed CSV after line " + nextLine + ": "
                    + rootMessage(e));
        }
    }

    @Override
    public RawRecord next() {
        RawRecord record = nextRecord();
        return record.withBadEncoding(decoder.badBytes(record.lineNo(), nextLine - 1));
    }

    private RawRecord nextRecord() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CSVRecord record = records.next();
        long startLine = nextLine;
        nextLine = parser.getCurrentLineNumber() + 1;
        recordNo++;
        Supplier<String> raw = () -> format.format((Object[]) record.values());
        // BEGIN SOLUTION step 3
        if (record.size() != headerSize) {
            return new RawRecord(recordNo, startLine, null,
                    "expected " + headerSize + " fields as in the header, found " + record.size(), raw);
        }
        String[] values = new String[positions.length];
        for (int i = 0; i < positions.length; i++) {
            values[i] = record.get(positions[i]);
        }
        return new RawRecord(recordNo, startLine, values, null, raw);
        // END SOLUTION
    }

    @Override
    public long bytesRead() {
        return bytes.count();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
