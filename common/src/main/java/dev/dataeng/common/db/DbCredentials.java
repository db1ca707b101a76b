package dev.dataeng.common.db;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The path's one convention for database credentials. A command that takes a JDBC URL takes {@code --db-user} and
 * {@code --db-password} (given without a value, the password is asked for without echo); when an option is absent,
 * the environment variables {@code DATAENG_DB_USER} and {@code DATAENG_DB_PASSWORD} are used for a database server
 * (PostgreSQL), so a password need not appear on a command line or in shell history; without either, nothing (the
 * driver then uses the URL's own {@code user=}/{@code password=} parameters, if any). An embedded H2 URL ignores the
 * environment and defaults to {@code sa} with an empty password. A password is never printed:
 * {@link #toString()} and {@link #redact(String)} mask it.
 */
public record DbCredentials(String user, String password) {
    public static final String USER_ENV = "DATAENG_DB_USER";
    public static final String PASSWORD_ENV = "DATAENG_DB_PASSWORD";

    private static final Pattern PASSWORD_IN_TEXT =
            Pattern.compile("(?i)(password=|pwd=|:)([^;&@\\s/:]+)(@)|(?i)((?:password|pwd)=)([^;&\\s]+)");

    /** Options first, then the environment, then the defaults above. */
    public static DbCredentials resolve(String url, String userOption, String passwordOption) {
        return resolve(url, userOption, passwordOption, System.getenv());
    }

    static DbCredentials resolve(String url, String userOption, String passwordOption, Map<String, String> env) {
        if (url != null && url.startsWith("jdbc:h2:")) {
            // an embedded H2 database is the learner's own: the environment (meant for a server) does not apply
            return new DbCredentials(userOption != null ? userOption : "sa", passwordOption != null ? passwordOption : "");
        }
        String user = userOption != null ? userOption : env.getOrDefault(USER_ENV, "");
        String password = passwordOption != null ? passwordOption : env.getOrDefault(PASSWORD_ENV, "");
        return new DbCredentials(user, password);
    }

    /** {@code text} (a URL, an error message) with every password in it replaced by {@code ***}. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        return PASSWORD_IN_TEXT.matcher(text).replaceAll(m -> m.group(4) != null
                ? java.util.regex.Matcher.quoteReplacement(m.group(4) + "***")
                : java.util.regex.Matcher.quoteReplacement(m.group(1) + "***" + m.group(3)));
    }

    @Override
    public String toString() {
        return "DbCredentials[user=" + user + ", password=" + (password.isEmpty() ? "" : "***") + "]";
    }
}
