package dev.dataeng.p07.sink;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.p07.avro.AdEventAvro;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * The bronze layer: the events as they arrived, in Avro container files (the schema in the file header, blocks
 * compressed with deflate), in Hive-style folders by event date and hour, UTC: {@code dt=2026-01-05/hr=10/}.
 * A file is written under a temporary name, forced to disk and then renamed (an atomic move within a folder), so a
 * reader never sees half a file.
 */
public final class BronzeWriter {
    private final Path root;

    public BronzeWriter(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The folder of an event, relative to the root: {@code dt=YYYY-MM-DD/hr=HH} of its event time in UTC. */
    public static String partitionPath(long eventTimeMs) {
        // BEGIN SOLUTION step 9: event time (not arrival or processing time), in UTC, zero-padded hour
        ZonedDateTime t = Instant.ofEpochMilli(eventTimeMs).atZone(ZoneOffset.UTC);
        return String.format("dt=%s/hr=%02d", t.toLocalDate(), t.getHour());
        // END SOLUTION
    }

    /** Writes each file (path relative to the root → its events): temp name, fsync, rename. */
    public void write(Map<String, List<AdEvent>> files) {
        files.forEach((relative, events) -> {
            Path target = root.resolve(relative);
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
            try {
                Files.createDirectories(target.getParent());
                // BEGIN SOLUTION step 9: write a container file to the temp name, force it to disk, then an atomic rename
                try (FileOutputStream out = new FileOutputStream(tmp.toFile());
                        DataFileWriter<GenericRecord> writer = new DataFileWriter<>(
                                new GenericDatumWriter<GenericRecord>(AdEventAvro.V1))) {
                    writer.setCodec(CodecFactory.deflateCodec(6));
                    writer.create(AdEventAvro.V1, out);
                    for (AdEvent e : events) {
                        writer.append(AdEventAvro.toRecord(e));
                    }
                    writer.flush();
                    out.getFD().sync();
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                // END SOLUTION
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write bronze file " + target, e);
            }
        });
    }

    /**
     * Deletes temp files and the files whose name starts with {@code prefix} that no committed row refers to:
     * what a crash between the rename and the database commit leaves behind. Returns how many were deleted.
     */
    public int removeOrphans(String prefix, Set<String> referenced) {
        List<Path> doomed = new ArrayList<>();
        for (Path p : files(root)) {
            String name = p.getFileName().toString();
            String relative = root.relativize(p).toString().replace('\\', '/');
            boolean tmp = name.startsWith("." + prefix) && name.endsWith(".tmp");
            boolean orphan = name.startsWith(prefix) && name.endsWith(".avro") && !referenced.contains(relative);
            if (tmp || orphan) {
                doomed.add(p);
            }
        }
        for (Path p : doomed) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete orphan bronze file " + p, e);
            }
        }
        return doomed.size();
    }

    /** Every file under the root (bronze files and anything else), sorted. */
    public static List<Path> files(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one bronze file back (schema from its header). */
    public static List<AdEvent> read(Path file) {
        List<AdEvent> out = new ArrayList<>();
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(),
                new GenericDatumReader<>())) {
            reader.forEach(r -> out.add(AdEventAvro.fromRecord(r)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bronze file " + file, e);
        }
    }
}
