package dev.dataeng.p01.read;

import dev.dataeng.p01.schema.DatasetSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Opens the reader a file's extension calls for: {@code .csv}/{@code .tsv}/{@code .txt}, or JSON. */
public final class RecordReaders {
    private RecordReaders() {
    }

    public static RecordReader open(Path file, DatasetSchema schema) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        CountingInputStream bytes = new CountingInputStream(Files.newInputStream(file));
        StrictDecoder decoder = new StrictDecoder(bytes, Charset.forName(schema.options().encoding()));
        Reader text = textReader(decoder);
        if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return new JsonRecordReader(file, text, bytes, decoder, schema);
        }
        return new CsvRecordReader(file, text, bytes, decoder, schema);
    }

    /** A buffered reader that has skipped a byte order mark, if the file starts with one. */
    static BufferedReader textReader(StrictDecoder decoder) throws IOException {
        BufferedReader reader = new BufferedReader(decoder, 1 << 16);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }
}
