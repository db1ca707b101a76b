package dev.dataeng.p01.read;

import java.io.Closeable;
import java.util.Iterator;

/** Streams a file's records one at a time, so a large file never sits in memory. */
public interface RecordReader extends Iterator<RawRecord>, Closeable {

    /** Bytes of the file consumed so far, for progress and ETA. */
    long bytesRead();
}
