package dev.dataeng.common.fooddelivery;

/**
 * The kinds of dirt a raw export can carry, grouped by what a correct pipeline should do with them.
 * Each dirty record carries exactly one kind, so a test can predict a pipeline's counts from the export's report.
 */
public enum DirtKind {
    // ---- cosmetic: the value is right but written differently; normalisation must fix it and load the row
    /** Leading/trailing spaces around a text or code value. */
    PADDED_WHITESPACE(Effect.COSMETIC),
    /** A code in lower case ({@code delivered}). */
    LOWERCASE_CODE(Effect.COSMETIC),
    /** A date as {@code dd/MM/yyyy}, a timestamp as {@code yyyy-MM-dd HH:mm:ss} (UTC). */
    ALT_DATE_FORMAT(Effect.COSMETIC),
    /** A decimal with a comma as its decimal separator ({@code 12,50}). */
    DECIMAL_COMMA(Effect.COSMETIC),
    /** A boolean as {@code yes/no}, {@code Y/N} or {@code 1/0}. */
    BOOLEAN_WORD(Effect.COSMETIC),

    // ---- invalid: the row breaks the schema; it must be quarantined with a reason
    /** A required value is empty. */
    MISSING_REQUIRED(Effect.INVALID),
    /** A date or timestamp that is no date ({@code 2025-02-30}, {@code yesterday}). */
    BAD_DATE(Effect.INVALID),
    /** Text in a numeric column ({@code N/A}, {@code 12a}). */
    WRONG_TYPE(Effect.INVALID),
    /** An amount or measure below zero. */
    NEGATIVE_AMOUNT(Effect.INVALID),
    /** A code outside the allowed values ({@code LOST}). */
    UNKNOWN_CODE(Effect.INVALID),

    // ---- semantic: well-typed, but breaks a business rule that a quality check (not a type check) catches
    /** A foreign key to a row that does not exist. */
    ORPHAN_KEY(Effect.SEMANTIC),
    /** A delivery that ends before it starts. */
    DELIVERY_BEFORE_PICKUP(Effect.SEMANTIC),

    // ---- whole rows
    /** The same record again, byte for byte (a replayed export). */
    DUPLICATE(Effect.EXTRA_ROW),
    /** A later version of the same key: same id, later {@code updated_at}, changed values. */
    CORRECTION(Effect.EXTRA_ROW);

    /** What a correct pipeline does with a record of this kind. */
    public enum Effect {
        COSMETIC, INVALID, SEMANTIC, EXTRA_ROW
    }

    private final Effect effect;

    DirtKind(Effect effect) {
        this.effect = effect;
    }

    public Effect effect() {
        return effect;
    }
}
