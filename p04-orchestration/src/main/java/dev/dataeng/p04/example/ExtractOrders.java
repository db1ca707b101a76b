package dev.dataeng.p04.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataeng.p04.dag.TaskAction;
import dev.dataeng.p04.dag.TaskContext;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * {@code extract_orders}: every page of the day's orders from the API into {@code staging/orders/dt=<ds>/}, one
 * JSON line per order. Starts by emptying that folder, so a retry or a rerun never mixes two extracts. Pushes
 * {@code row_count} and {@code pages} as XComs for the tasks downstream.
 */
public final class ExtractOrders implements TaskAction {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PipelineConfig config;

    public ExtractOrders(PipelineConfig config) {
        this.config = config;
    }

    @Override
    public void execute(TaskContext context) throws Exception {
        LocalDate ds = context.ds();
        Path staging = config.stagingDir(ds);
        Files2.deleteRecursively(staging);
        Files.createDirectories(staging);
        OrdersApiClient api = new OrdersApiClient(config.apiBaseUrl());
        long rows = 0;
        int page = 1;
        int totalPages;
        do {
            JsonNode body = api.page(ds, page, config.pageSize());
            totalPages = body.get("total_pages").asInt();
            Path part = staging.resolve(String.format("part-%05d.jsonl", page));
            try (BufferedWriter out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                for (JsonNode order : body.get("orders")) {
                    out.write(JSON.writeValueAsString(order));
                    out.write('\n');
                    rows++;
                }
            }
            page++;
        } while (page <= totalPages);
        context.log("extracted " + rows + " orders for " + ds + " in " + totalPages + " page(s)");
        context.xcomPush("row_count", Long.toString(rows));
        context.xcomPush("pages", Integer.toString(totalPages));
    }
}
