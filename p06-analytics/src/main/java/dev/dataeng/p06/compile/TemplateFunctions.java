package dev.dataeng.p06.compile;

import java.util.Map;

/**
 * What the Jinja functions of a model mean during one rendering. Parsing and compiling give them different
 * meanings (parsing records which models a model {@code ref}s; compiling resolves them to relations).
 */
public interface TemplateFunctions {
    /** {@code {{ ref('stg_orders') }}}: the relation the model builds. */
    String ref(String model);

    /** {@code {{ source('raw', 'orders') }}}: the relation of a declared raw table. */
    String source(String sourceName, String table);

    /** {@code {{ config(materialized='table') }}}: renders nothing, records the model's config. */
    void config(Map<String, Object> settings);

    /** {@code {% if is_incremental() %}}: true only when an incremental model adds to a table that exists. */
    boolean isIncremental();

    /** {@code {{ var('name') }}} or {@code {{ var('name', default) }}}: the value as a SQL literal. */
    String var(String name, Object defaultValue, boolean hasDefault);

    /** {@code {{ this }}}: the relation the model being rendered builds. */
    String self();
}
