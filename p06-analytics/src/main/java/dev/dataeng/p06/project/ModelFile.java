package dev.dataeng.p06.project;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One SQL model as found on disk, before templating.
 *
 * @param name          file name without {@code .sql}: the name other models {@code ref}
 * @param path          the file
 * @param folders       folders between {@code models/} and the file (e.g. {@code [marts]}), for folder config
 * @param rawSql        the Jinja-SQL text
 * @param folderConfig  config from {@code dbt_project.yml} for this file's folders ({@code +materialized: table})
 * @param description   from the YAML docs, empty if undocumented
 * @param columns       documented columns, in YAML order
 */
public record ModelFile(String name, Path path, List<String> folders, String rawSql, Map<String, Object> folderConfig,
        String description, List<ColumnDoc> columns) {
    public ModelFile {
        folders = List.copyOf(folders);
        folderConfig = Map.copyOf(folderConfig);
        columns = List.copyOf(columns);
    }
}
