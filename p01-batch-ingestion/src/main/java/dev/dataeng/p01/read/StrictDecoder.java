package dev.dataeng.p01.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.HexFormat;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Decodes a file's bytes in its declared encoding and remembers the lines that hold bytes which are NOT valid in
 * it (ISO-8859-1's {@code é} = byte {@code E9} in a file declared UTF-8). The JDK's readers replace such bytes with
 * {@code U+FFFD} without a word ({@link CodingErrorAction#REPLACE}); this one decodes with
 * {@link CodingErrorAction#REPORT}, writes {@code U+FFFD} in their place so the parser can go on to the next
 * record, and keeps line number and bytes so the record readers can quarantine the record as {@code BAD_ENCODING}.
 * Lines are counted as the CSV and JSON parsers count them.
 */
public final class StrictDecoder extends Reader {

    private final InputStream in;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    private final CharBuffer chars = CharBuffer.allocate(1 << 16).flip();
    private final NavigableMap<Long, String> badLines = new TreeMap<>();
    private long line = 1;
    private boolean afterCr;
    private boolean eof;
    private boolean finished;

    StrictDecoder(InputStream in, Charset charset) {
        this.in = in;
        this.charset = charset;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * Why the record on lines {@code first..last} is not valid text in the file's encoding
     * ({@code "line 3: byte(s) E9 are not valid UTF-8"}), or null. Records are asked for in file order, so the
     * lines before {@code first} are forgotten.
     */
    public String badBytes(long first, long last) {
        badLines.headMap(first, false).clear();
        Map.Entry<Long, String> bad = badLines.floorEntry(Math.max(first, last));
        return bad == null ? null : "line " + bad.getKey() + ": byte(s) " + bad.getValue() + " are not valid "
                + charset.name();
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(length, chars.remaining());
        chars.get(buffer, offset, n);
        return n;
    }

    private boolean fill() throws IOException {
        if (finished) {
            return false;
        }
        chars.clear();
        boolean needBytes = !bytes.hasRemaining();
        while (chars.position() == 0) {
            if (needBytes && !eof) {
                bytes.compact();
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    eof = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
            }
            int before = chars.position();
            CoderResult result = decoder.decode(bytes, chars, eof);
            countLines(before, chars.position());
            if (result.isError()) {
                if (!chars.hasRemaining()) {
                    break; // no room for the replacement: reported again by the next fill
                }
                byte[] bad = new byte[result.length()];
                bytes.get(bad);
                badLines.putIfAbsent(line, HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bad));
                chars.put('\uFFFD');
                needBytes = false;
            } else if (result.isOverflow()) {
                break;
            } else if (eof) {
                decoder.flush(chars);
                finished = true;
                break;
            } else {
                needBytes = true;
            }
        }
        chars.flip();
        return chars.hasRemaining();
    }

    /** Line ends as the parsers count them: {@code \n}, {@code \r\n} and a lone {@code \r}. */
    private void countLines(int from, int to) {
        char[] a = chars.array();
        for (int i = from; i < to; i++) {
            char c = a[i];
            if (c == '\r' || (c == '\n' && !afterCr)) {
                line++;
            }
            afterCr = c == '\r';
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
