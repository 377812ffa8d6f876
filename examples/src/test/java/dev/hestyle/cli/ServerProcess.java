package dev.hestyle.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code hestyle} in a JVM of its own, started from the test class path. */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    final URI base;

    private ServerProcess(Process process, Path log, URI base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    /** The tool's command line with the test's class path and fast, insecure parameters allowed. */
    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dhestyle.allowInsecure=true");
        cmd.add("-Dhestyle.shared=" + SharedData.root());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code serve} with {@code args} on a free port and waits until it answers {@code /v1/health}. */
    static ServerProcess serve(Path dir, String... args) throws IOException, InterruptedException {
        int port = freePort();
        List<String> a = new ArrayList<>(List.of("serve", "--port", String.valueOf(port)));
        a.addAll(List.of(args));
        Path log = dir.resolve("serve-" + port + ".log");
        Process p = new ProcessBuilder(command(a.toArray(String[]::new))).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServerProcess s = new ServerProcess(p, log, URI.create("http://127.0.0.1:" + port));
        s.awaitHealthy(Duration.ofSeconds(120));
        return s;
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("server exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        fail("server did not become healthy within " + timeout + ":\n" + log());
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Runs the tool in another JVM and returns its exit code and merged output. */
    static CliRun run(Path dir, Duration timeout, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "run-", ".log");
        Process p = new ProcessBuilder(command(args)).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("'" + String.join(" ", args) + "' did not finish within " + timeout + ":\n" + Files.readString(out));
        }
        String text = Files.readString(out);
        return new CliRun(p.exitValue(), text, text);
    }

    /** SIGTERM, as Ctrl-C or a service manager would send; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("server did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
