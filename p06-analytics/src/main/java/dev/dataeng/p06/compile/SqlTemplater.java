package dev.dataeng.p06.compile;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.dataeng.p06.project.ProjectError;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders Jinja-SQL with Jinjava. Registers dbt's functions ({@code ref}, {@code source}, {@code config},
 * {@code is_incremental}, {@code var}) and the variable {@code this}; what they do is decided by the
 * {@link TemplateFunctions} handed to {@link #render}. Unknown names are errors, not empty strings.
 */
public final class SqlTemplater {
    private static final String SCOPE = "__p06_functions";
    private static final String FAILURE = "__p06_failure";

    private final Jinjava jinjava;

    public SqlTemplater() {
        jinjava = new Jinjava(JinjavaConfig.newBuilder().withFailOnUnknownTokens(true).build());
        register("ref", "ref", Object[].class);
        register("source", "source", String.class, String.class);
        register("config", "config", Object[].class);
        register("is_incremental", "isIncremental");
        register("var", "var", Object[].class);
    }

    private void register(String name, String method, Class<?>... parameters) {
        jinjava.getGlobalContext().registerFunction(
                new ELFunctionDefinition("", name, SqlTemplater.class, method, parameters));
    }

    /** Renders {@code template}; {@code where} names it in error messages (a file path). */
    public String render(String template, String where, TemplateFunctions functions) {
        Map<String, Object> context = new HashMap<>();
        context.put(SCOPE, functions);
        Map<String, Object> failure = new HashMap<>();
        context.put(FAILURE, failure);
        context.put("this", functions.self());
        RenderResult result = jinjava.renderForResult(template, context);
        if (failure.get("error") instanceof ProjectError e) {
            throw new ProjectError(where + ": " + e.getMessage(), e);
        }
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new ProjectError(where + " line " + error.getLineno() + ": " + error.getMessage());
            }
        }
        return result.getOutput();
    }

    // ------------------------------------------------------------------ the functions Jinjava calls

    private static TemplateFunctions functions() {
        return (TemplateFunctions) JinjavaInterpreter.getCurrent().getContext().get(SCOPE);
    }

    /** Keeps the first error so that {@link #render} reports it as it was, not as Jinjava rewraps it. */
    @SuppressWarnings("unchecked")
    private static <T> T guarded(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ProjectError e) {
            Map<String, Object> failure =
                    (Map<String, Object>) JinjavaInterpreter.getCurrent().getContext().get(FAILURE);
            failure.putIfAbsent("error", e);
            throw e;
        }
    }

    public static String ref(Object... args) {
        return guarded(() -> {
            if (args.length != 1 || !(args[0] instanceof String model)) {
                throw new ProjectError("ref takes one model name, as in ref('stg_orders')");
            }
            return functions().ref(model);
        });
    }

    public static String source(String sourceName, String table) {
        return guarded(() -> functions().source(sourceName, table));
    }

    public static String config(Object... args) {
        return guarded(() -> {
            Map<String, Object> settings = new LinkedHashMap<>();
            for (Object arg : args) {
                if (!(arg instanceof NamedParameter p)) {
                    throw new ProjectError("config takes named arguments, as in config(materialized='table')");
                }
                settings.put(p.getName(), p.getValue());
            }
            functions().config(settings);
            return "";
        });
    }

    public static boolean isIncremental() {
        return guarded(() -> functions().isIncremental());
    }

    public static String var(Object... args) {
        return guarded(() -> {
            if (args.length < 1 || args.length > 2 || !(args[0] instanceof String name)) {
                throw new ProjectError("var takes a name and an optional default, as in var('status', 'DELIVERED')");
            }
            return functions().var(name, args.length == 2 ? args[1] : null, args.length == 2);
        });
    }
}
