package dev.hestyle.mosaic.resolve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hestyle.mosaic.checkpoint.CheckpointException;
import dev.hestyle.mosaic.testing.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointResolverTest {
    @TempDir
    Path cache;
    @TempDir
    Path other;

    private HttpServer server;
    private byte[] real;
    private final AtomicInteger hits = new AtomicInteger();

    @BeforeEach
    void serve() throws IOException {
        real = Files.readAllBytes(SharedData.checkpoint());
        byte[] tampered = real.clone();
        tampered[tampered.length / 2] ^= 1;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        route("/real.pth", 200, real);
        route("/tampered.pth", 200, tampered);
        server.createContext("/moved.pth", ex -> {
            hits.incrementAndGet();
            ex.getResponseHeaders().add("Location", "/real.pth");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
    }

    private void route(String path, int status, byte[] body) {
        server.createContext(path, ex -> {
            hits.incrementAndGet();
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private CheckpointResolver resolver(Map<String, String> env, String path) {
        return new CheckpointResolver(env, cache, url(path));
    }

    @Test
    void publishedDigestIsTheSeedCheckpoints() throws IOException {
        assertEquals(CheckpointResolver.PUBLISHED_SHA256, Sha256.of(SharedData.checkpoint()));
    }

    @Test
    void downloadsVerifiesAndCaches() throws IOException {
        CheckpointResolver r = resolver(Map.of(), "/real.pth");
        Path p = r.resolve();
        assertEquals(cache.resolve(CheckpointResolver.FILE_NAME), p);
        assertArrayEquals(real, Files.readAllBytes(p));
        assertEquals(1, hits.get());
        assertEquals(p, r.resolve());
        assertEquals(1, hits.get(), "second resolve must use the cache");
        assertEquals(p, r.resolveLocal(null).orElseThrow());
        assertNoPartFiles();
    }

    @Test
    void followsRedirects() throws IOException {
        Path p = resolver(Map.of(), "/moved.pth").resolve();
        assertArrayEquals(real, Files.readAllBytes(p));
    }

    @Test
    void tamperedDownloadIsRefused() throws IOException {
        CheckpointException e = assertThrows(CheckpointException.class, () -> resolver(Map.of(), "/tampered.pth").resolve());
        assertTrue(e.getMessage().contains("SHA-256") && e.getMessage().contains(CheckpointResolver.PUBLISHED_SHA256), e.getMessage());
        assertFalse(Files.exists(cache.resolve(CheckpointResolver.FILE_NAME)));
        assertNoPartFiles();
    }

    @Test
    void notFoundIsAClearError() throws IOException {
        CheckpointException e = assertThrows(CheckpointException.class, () -> resolver(Map.of(), "/missing.pth").resolve());
        assertTrue(e.getMessage().contains("HTTP 404") && e.getMessage().contains(CheckpointResolver.ENV_VAR)
                && e.getMessage().contains("--checkpoint"), e.getMessage());
        assertNoPartFiles();
    }

    @Test
    void offlineIsAClearError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CheckpointResolver r = new CheckpointResolver(Map.of(), cache, URI.create("http://127.0.0.1:" + port + "/x.pth"));
        CheckpointException e = assertThrows(CheckpointException.class, r::resolve);
        assertTrue(e.getMessage().startsWith("could not download http://127.0.0.1:" + port)
                && e.getMessage().contains("set " + CheckpointResolver.ENV_VAR + " or pass --checkpoint"), e.getMessage());
    }

    @Test
    void corruptCacheIsReplaced() throws IOException {
        Files.write(cache.resolve(CheckpointResolver.FILE_NAME), new byte[] {1, 2, 3});
        CheckpointResolver r = resolver(Map.of(), "/real.pth");
        assertTrue(r.resolveLocal(null).isEmpty());
        assertArrayEquals(real, Files.readAllBytes(r.resolve()));
        assertEquals(1, hits.get());
    }

    @Test
    void explicitPathWinsAndMustExist() throws IOException {
        Path mine = Files.write(other.resolve("mine.pth"), new byte[] {9});
        Path env = Files.write(other.resolve("env.pth"), new byte[] {8});
        CheckpointResolver r = resolver(Map.of(CheckpointResolver.ENV_VAR, env.toString()), "/real.pth");
        assertEquals(mine, r.resolve(mine));
        assertEquals(env, r.resolve());
        assertEquals(0, hits.get());
        CheckpointException e = assertThrows(CheckpointException.class, () -> r.resolve(other.resolve("nope.pth")));
        assertTrue(e.getMessage().contains("nope.pth"), e.getMessage());
    }

    @Test
    void environmentPathMustExist() {
        CheckpointResolver r = resolver(Map.of(CheckpointResolver.ENV_VAR, other.resolve("gone.pth").toString()), "/real.pth");
        CheckpointException e = assertThrows(CheckpointException.class, r::resolve);
        assertTrue(e.getMessage().contains(CheckpointResolver.ENV_VAR) && e.getMessage().contains("gone.pth"), e.getMessage());
        assertEquals(0, hits.get());
    }

    @Test
    void cacheFolderFollowsXdg() {
        assertEquals(Path.of("/xdg/cache", "hestyle"), CheckpointResolver.defaultCacheDir(Map.of("XDG_CACHE_HOME", "/xdg/cache"), "/home/u"));
        assertEquals(Path.of("/home/u", ".cache", "hestyle"), CheckpointResolver.defaultCacheDir(Map.of(), "/home/u"));
        assertEquals(Path.of("/home/u", ".cache", "hestyle"),
                CheckpointResolver.defaultCacheDir(Map.of("XDG_CACHE_HOME", "relative/dir"), "/home/u"));
    }

    @Test
    void urlCanBeOverriddenBySystemProperty() {
        String before = System.getProperty(CheckpointResolver.URL_PROPERTY);
        try {
            System.clearProperty(CheckpointResolver.URL_PROPERTY);
            assertEquals(URI.create(CheckpointResolver.DEFAULT_URL), new CheckpointResolver().downloadUrl());
            System.setProperty(CheckpointResolver.URL_PROPERTY, url("/real.pth").toString());
            assertEquals(url("/real.pth"), new CheckpointResolver().downloadUrl());
        } finally {
            if (before == null) {
                System.clearProperty(CheckpointResolver.URL_PROPERTY);
            } else {
                System.setProperty(CheckpointResolver.URL_PROPERTY, before);
            }
        }
    }

    private void assertNoPartFiles() throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "temporary download left behind");
        }
    }
}
