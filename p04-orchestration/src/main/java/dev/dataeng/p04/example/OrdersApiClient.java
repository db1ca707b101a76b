package dev.dataeng.p04.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;

/** Reads one page of the orders API. Any non-200 answer is an exception: the task fails and Airflow retries it. */
public final class OrdersApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public OrdersApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public JsonNode page(LocalDate date, int page, int pageSize) throws IOException, InterruptedException {
        URI uri = URI.create(baseUrl + "/orders?date=" + date + "&page=" + page + "&page_size=" + pageSize);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + uri);
        }
        return JSON.readTree(response.body());
    }
}
