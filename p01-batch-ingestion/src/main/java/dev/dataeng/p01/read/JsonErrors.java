package dev.dataeng.p01.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Jackson's parse errors in words a user reads: no Java names, the size and the limit for an over-long value. */
final class JsonErrors {

    /** "String value length (20000001) exceeds the maximum allowed (20000000, from `StreamReadConstraints…`)". */
    private static final Pattern LIMIT = Pattern.compile("^(.+?) \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");

    private JsonErrors() {
    }

    static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            Matcher m = LIMIT.matcher(message);
            if (m.find()) {
                return String.format(Locale.ROOT, "%s %,d is above the JSON reader's limit of %,d",
                        m.group(1).toLowerCase(Locale.ROOT), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
            }
            return "a value beyond the JSON reader's limits: " + message.replaceAll(",? ?from `[^`]*`", "");
        }
        return message.lines().findFirst().orElse(message);
    }
}
