package dev.dataeng.p01.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dataeng.p01.schema.ColumnSpec;
import dev.dataeng.p01.schema.DatasetSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * JSON, in either of the two shapes exports use: one array of objects ({@code [{…},{…}]}), read with Jackson's
 * streaming parser one element at a time, or JSON Lines (one object per line), read line by line so a broken
 * line is quarantined and the next one still read.
 */
final class JsonRecordReader implements RecordReader {

    /**
     * Numbers with a fraction are read as {@code BigDecimal}, trailing zeros kept: the default (a {@code double})
     * would turn {@code 12345678901234567.25} into {@code 12345678901234568} without a word.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final Path file;
    private final BufferedReader text;
    private final CountingInputStream bytes;
    private final StrictDecoder decoder;
    private final List<ColumnSpec> columns;
    private final JsonParser arrayParser;
    private long recordNo;
    private long lineNo;
    private RawRecord next;

    JsonRecordReader(Path file, Reader text, CountingInputStream bytes, StrictDecoder decoder, DatasetSchema schema)
            throws IOException {
        this.file = file;
        this.text = (BufferedReader) text;
        this.bytes = bytes;
        this.decoder = decoder;
        this.columns = schema.columns();
        this.text.mark(4096);
        int c;
        do {
            c = this.text.read();
        } while (c == ' ' || c == '\t' || c == '\r' || c == '\n');
        this.text.reset();
        if (c == '[') {
            arrayParser = MAPPER.getFactory().createParser(this.text);
            try {
                arrayParser.nextToken();
            } catch (JsonProcessingException e) {
                throw broken(e);
            }
        } else {
            arrayParser = null;
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = arrayParser != null ? nextElement() : nextLine();
            } catch (JsonProcessingException e) {
                throw broken(e);
            } catch (IOException e) {
                throw new FileFormatException(file.getFileName() + ": cannot read: " + e.getMessage());
            }
        }
        return next != null;
    }

    @Override
    public RawRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RawRecord r = next;
        next = null;
        return r;
    }

    private RawRecord nextElement() throws IOException {
        JsonToken token = arrayParser.nextToken();
        if (token == null || token == JsonToken.END_ARRAY) {
            return null;
        }
        long line = arrayParser.currentTokenLocation().getLineNr();
        JsonNode node = MAPPER.readTree(arrayParser);
        return toRecord(node, line, node.toString())
                .withBadEncoding(decoder.badBytes(line, arrayParser.currentLocation().getLineNr()));
    }

    private RawRecord nextLine() throws IOException {
        String line;
        do {
            line = text.readLine();
            lineNo++;
            if (line == null) {
                return null;
            }
        } while (line.isBlank());
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            recordNo++;
            String raw = line;
            return new RawRecord(recordNo, lineNo, null, "not valid JSON: " + JsonErrors.describe(e), () -> raw)
                    .withBadEncoding(decoder.badBytes(lineNo, lineNo));
        }
        return toRecord(node, lineNo, line).withBadEncoding(decoder.badBytes(lineNo, lineNo));
    }

    /** The schema's columns out of one JSON value; anything but an object is malformed. */
    private RawRecord toRecord(JsonNode node, long line, String raw) {
        recordNo++;
        // BEGIN SOLUTION step 3
        if (!node.isObject()) {
            return new RawRecord(recordNo, line, null, "expected a JSON object, found " + node.getNodeType(),
                    () -> raw);
        }
        String[] values = new String[columns.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode value = node.get(columns.get(i).source());
            if (value == null || value.isNull()) {
                values[i] = null;
            } else if (value.isValueNode()) {
                values[i] = value.asText();
            } else {
                values[i] = value.toString();
            }
        }
        return new RawRecord(recordNo, line, values, null, () -> raw);
        // END SOLUTION
    }

    /** The file's JSON is broken where no next record can be found: one line that says what and where. */
    private FileFormatException broken(JsonProcessingException e) {
        // Some errors (a string over the reader's length limit) come without a location: the parser still knows it.
        long line = e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation().getLineNr()
                : arrayParser != null ? arrayParser.currentLocation().getLineNr() : lineNo;
        return new FileFormatException(file.getFileName() + ": malformed JSON at line " + line + ": "
                + JsonErrors.describe(e));
    }

    @Override
    public long bytesRead() {
        return bytes.count();
    }

    @Override
    public void close() throws IOException {
        if (arrayParser != null) {
            arrayParser.close();
        }
        text.close();
    }
}
