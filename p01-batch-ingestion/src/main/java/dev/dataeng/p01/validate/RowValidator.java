package dev.dataeng.p01.validate;

import dev.dataeng.p01.read.RawRecord;
import dev.dataeng.p01.schema.ColumnSpec;
import dev.dataeng.p01.schema.DatasetSchema;
import java.util.ArrayList;
import java.util.List;

/** Validates and normalises whole records against a dataset schema: one {@link ValueParser} per column. */
public final class RowValidator {

    private final List<ValueParser> parsers = new ArrayList<>();

    public RowValidator(DatasetSchema schema) {
        for (ColumnSpec column : schema.columns()) {
            parsers.add(new ValueParser(column, schema.options()));
        }
    }

    /** Every column is checked, so a quarantined record lists every reason, not only the first. */
    public ValidatedRow validate(RawRecord record) {
        // BEGIN SOLUTION step 4
        if (record.badEncoding() != null) {
            return new ValidatedRow(null, List.of(new Reason(ReasonCode.BAD_ENCODING, "", record.badEncoding())));
        }
        if (record.malformed() != null) {
            return new ValidatedRow(null, List.of(new Reason(ReasonCode.MALFORMED_RECORD, "", record.malformed())));
        }
        Object[] values = new Object[parsers.size()];
        List<Reason> reasons = List.of();
        for (int i = 0; i < values.length; i++) {
            ValueParser.Result result = parsers.get(i).parse(record.values()[i]);
            if (result.reason() != null) {
                if (reasons.isEmpty()) {
                    reasons = new ArrayList<>(2);
                }
                reasons.add(result.reason());
            } else {
                values[i] = result.value();
            }
        }
        return new ValidatedRow(values, reasons);
        // END SOLUTION
    }
}
