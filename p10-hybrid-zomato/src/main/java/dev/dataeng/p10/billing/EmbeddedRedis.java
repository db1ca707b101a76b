package dev.dataeng.p10.billing;

import java.io.IOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * A real {@code redis-server} (6.2, shipped for linux-amd64 and macOS by {@code embedded-redis}) started from Java
 * on a free port, so the platform needs only a JDK. Any other Redis works by URL ({@code --redis redis://host:6379}).
 */
public final class EmbeddedRedis implements AutoCloseable {
    private final RedisServer server;
    private final int port;

    private EmbeddedRedis(int port) throws IOException {
        this.port = port;
        this.server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").build();
        server.start();
    }

    public static EmbeddedRedis start() {
        try (ServerSocket probe = new ServerSocket(0)) {
            int port = probe.getLocalPort();
            probe.close();
            return new EmbeddedRedis(port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the embedded redis-server: " + e.getMessage()
                    + " (no binary for this platform? give --redis redis://host:port)", e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            // the process is gone either way
        }
    }
}
