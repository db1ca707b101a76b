package dev.dataeng.p07.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/** Decides whether a new schema may join a subject, with Avro's own {@link SchemaCompatibility}. */
public final class CompatibilityCheck {
    private CompatibilityCheck() {
    }

    /**
     * The reasons {@code candidate} is incompatible with the subject's earlier versions under {@code level}; empty
     * when it is compatible. {@code earlier} is in version order (oldest first); a non-transitive level checks only
     * the latest.
     */
    public static List<String> problems(CompatibilityLevel level, Schema candidate, List<Schema> earlier) {
        List<String> problems = new ArrayList<>();
        if (level == CompatibilityLevel.NONE || earlier.isEmpty()) {
            return problems; // a subject's first version, or no checking: always accepted
        }
        // BEGIN SOLUTION step 4: pick the versions to check (latest, or all when transitive); BACKWARD = new reads old, FORWARD = old reads new, FULL = both; SchemaCompatibility.checkReaderWriterCompatibility
        List<Schema> against = level.transitive() ? earlier : List.of(earlier.get(earlier.size() - 1));
        for (Schema previous : against) {
            if (level.newReadsOld()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, previous),
                        "the new schema cannot read data written with an earlier one", problems);
            }
            if (level.oldReadsNew()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(previous, candidate),
                        "an earlier schema cannot read data written with the new one", problems);
            }
        }
        // END SOLUTION
        return problems;
    }

    private static void describe(SchemaPairCompatibility result, String direction, List<String> problems) {
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        result.getResult().getIncompatibilities().forEach(i -> problems.add(direction + ": " + i.getType() + " at "
                + i.getLocation() + field(result.getReader(), i.getLocation()) + " (" + i.getMessage() + ")"));
    }

    /** {@code /fields/3/type} names a field by position: say which ({@code user_id}). */
    private static String field(Schema reader, String location) {
        String[] parts = location.split("/");
        if (parts.length > 2 && parts[1].equals("fields") && reader.getType() == Schema.Type.RECORD) {
            try {
                return " [field " + reader.getFields().get(Integer.parseInt(parts[2])).name() + "]";
            } catch (RuntimeException e) {
                return "";
            }
        }
        return "";
    }
}
