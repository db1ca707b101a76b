package dev.dataeng.p04.example;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.Order;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The source system of the example DAG: a paginated HTTP API of the day's orders, served in-process on 127.0.0.1
 * (an ephemeral port). {@code GET /orders?date=2025-01-03&page=1&page_size=100}. Like real APIs it is flaky: some
 * pages answer {@code 503} once before they work; which pages is a pure function of the seed,
 * so a test sees the same failures every time.
 */
public final class OrdersApiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FoodDeliveryGenerator generator;
    private final long seed;
    private final double failureRate;
    private final Map<String, AtomicInteger> requestsPerPage = new ConcurrentHashMap<>();
    private final Map<LocalDate, List<Map<String, Object>>> ordersByDay = new ConcurrentHashMap<>();
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private HttpServer server;

    /** @param failureRate share of pages that fail (with 503) once before they succeed */
    public OrdersApiServer(FoodDeliveryGenerator generator, long seed, double failureRate) {
        this.generator = generator;
        this.seed = seed;
        this.failureRate = failureRate;
    }

    public OrdersApiServer start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the orders API on 127.0.0.1: " + e.getMessage(), e);
        }
        server.createContext("/orders", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "orders-api");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests answered with 200. */
    public int served() {
        return served.get();
    }

    /** Requests answered with 503. */
    public int failed() {
        return failed.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> params = query(exchange.getRequestURI().getRawQuery());
            LocalDate date;
            int page;
            int pageSize;
            try {
                date = LocalDate.parse(params.getOrDefault("date", ""));
                page = Integer.parseInt(params.getOrDefault("page", "1"));
                pageSize = Integer.parseInt(params.getOrDefault("page_size", "100"));
                if (page < 1 || pageSize < 1 || pageSize > 1000) {
                    throw new NumberFormatException("page >= 1 and 1 <= page_size <= 1000");
                }
            } catch (DateTimeParseException | NumberFormatException e) {
                send(exchange, 400, Map.of("error", "bad request: " + e.getMessage()));
                return;
            }
            String key = date + "/" + page;
            int attempt = requestsPerPage.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            if (attempt <= failuresBeforeSuccess(date, page)) {
                failed.incrementAndGet();
                send(exchange, 503, Map.of("error", "service unavailable, try again"));
                return;
            }
            List<Map<String, Object>> all = ordersByDay.computeIfAbsent(date, this::ordersOf);
            int totalPages = Math.max(1, (all.size() + pageSize - 1) / pageSize);
            int from = Math.min(all.size(), (page - 1) * pageSize);
            int to = Math.min(all.size(), from + pageSize);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("date", date.toString());
            body.put("page", page);
            body.put("page_size", pageSize);
            body.put("total_orders", all.size());
            body.put("total_pages", totalPages);
            body.put("orders", new ArrayList<>(all.subList(from, to)));
            served.incrementAndGet();
            send(exchange, 200, body);
        }
    }

    /** 0 or 1: how many times this page answers 503 before it answers 200. */
    public int failuresBeforeSuccess(LocalDate date, int page) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + date.toEpochDay() * 1_009L + page);
        return r.nextDouble() < failureRate ? 1 : 0;
    }

    private List<Map<String, Object>> ordersOf(LocalDate day) {
        return generator.ordersOn(day).map(b -> {
            Order o = b.order();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("order_id", o.orderId());
            m.put("customer_id", o.customerId());
            m.put("restaurant_id", o.restaurantId());
            m.put("city_id", generator.restaurant(o.restaurantId()).cityId());
            m.put("ordered_at", o.orderedAt().atOffset(ZoneOffset.UTC).toString());
            m.put("status", o.status());
            m.put("payment_method", o.paymentMethod());
            m.put("items_total", o.itemsTotal().toPlainString());
            m.put("delivery_fee", o.deliveryFee().toPlainString());
            m.put("discount", o.discount().toPlainString());
            m.put("total", o.total().toPlainString());
            return m;
        }).toList();
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
