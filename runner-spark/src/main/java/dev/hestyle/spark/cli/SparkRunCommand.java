package dev.hestyle.spark.cli;

import dev.hestyle.mosaic.resolve.CheckpointResolver;
import dev.hestyle.spark.BatchJob;
import dev.hestyle.spark.DistributedGraphJob;
import dev.hestyle.spark.DriverModel;
import dev.hestyle.spark.JobContext;
import dev.hestyle.spark.ModelSpec;
import dev.hestyle.spark.SparkSettings;
import dev.hestyle.spark.TaskHook;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.Mode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hestyle spark-run}: evaluates encrypted images (from {@code hestyle encrypt}) on Spark with the
 * evaluation keys at a shared path; the results are ciphertexts for {@code hestyle decrypt}. Non-interactive
 * mode only. Exit codes as the main tool: 0 success, 1 runtime error, 2 usage error.
 */
@Command(name = "spark-run", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 2,
        description = {"Evaluate encrypted images on Apache Spark (non-interactive mode): one image spread over the cluster "
                + "(--input/--output), or a folder of <id>.ct files, one image per task (--input-dir/--output-dir).",
                "Keys and images come from 'hestyle keygen/encrypt --mode non-interactive' with the same --backend, --size, "
                        + "--relu-depth and --insecure-test-params; no secret key is needed or read here."})
public final class SparkRunCommand implements Callable<Integer> {
    private static final int EXIT_ERROR = 1;
    private static final int EXIT_USAGE = 2;

    /** One image or a folder of them. */
    static final class Inputs {
        @Option(names = "--input", paramLabel = "IN.ct", required = true, description = "One encrypted image; its graph is spread over the cluster.")
        String input;

        @Option(names = "--input-dir", paramLabel = "DIR", required = true, description = "A folder of <id>.ct files (shared file system); one task per image.")
        String inputDir;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master, e.g. local[2], spark://host:7077, yarn. Default: spark-submit's, else local[*].")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting; repeat for several.")
    Map<String, String> conf = Map.of();

    @Option(names = "--eval-keys", paramLabel = "PATH", required = true,
            description = "Evaluation keys from 'keygen', at a path every executor reads (hdfs://..., or a folder all of them share).")
    String evalKeys;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Inputs inputs;

    @Option(names = "--exchange-dir", paramLabel = "PATH",
            description = "With --input: a folder every executor shares (hdfs://...) where phases leave ciphertexts for the next. "
                    + "Default with a local master: a temporary folder.")
    String exchangeDir;

    @Option(names = {"--output", "--output-dir"}, paramLabel = "OUT", required = true,
            description = "The encrypted result (with --input), or the folder of results <id>.ct (with --input-dir).")
    String output;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "openfhe", description = "Backend. Default: ${DEFAULT-VALUE}.")
    String backend;

    @Option(names = "--size", paramLabel = "HxW|N", defaultValue = "32x32", description = "Size the images were encrypted at. Default: ${DEFAULT-VALUE}.")
    String size;

    @Option(names = "--relu-depth", paramLabel = "D", defaultValue = "" + CompileOptions.DEFAULT_RELU_DEPTH, description = "ReLU depth, 2..7. Default: ${DEFAULT-VALUE}.")
    int reluDepth;

    @Option(names = "--checkpoint", paramLabel = "PATH",
            description = "Mosaic checkpoint, at the same path on every machine. Default: as the other commands find it.")
    Path checkpoint;

    @Option(names = "--insecure-test-params", description = "Small parameters with NO security (needs -Dhestyle.allowInsecure=true).")
    boolean insecure;

    /** Runs the command and exits the JVM with its exit code. */
    public static void main(String[] args) {
        // Spark logs every stage at INFO; hestyle's own progress lines say what matters
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.spark", System.getProperty("org.slf4j.simpleLogger.log.org.apache.spark", "warn"));
        System.setProperty("org.slf4j.simpleLogger.log.org.sparkproject", "warn");
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command with the given streams and returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = new CommandLine(new SparkRunCommand());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                line.getErr().println("hestyle spark-run: " + e.getMessage());
                return EXIT_USAGE;
            }
            line.getErr().println("hestyle spark-run: " + e.getMessage());
            return EXIT_ERROR;
        });
        return cmd.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int[] hw = parseSize(size);
        String ckpt = new CheckpointResolver().resolve(checkpoint).toAbsolutePath().toString();
        ModelSpec model = new ModelSpec(backend, Mode.NON_INTERACTIVE, reluDepth, hw[0], hw[1], ckpt, insecure);
        SparkConf sparkConf = new SparkConf().setAppName("hestyle spark-run").setIfMissing("spark.master", "local[*]");
        if (master != null) {
            sparkConf.setMaster(master);
        }
        conf.forEach(sparkConf::set);
        long t0 = System.nanoTime();
        try (DriverModel driver = DriverModel.open(model, evalKeys);
             JavaSparkContext sc = new JavaSparkContext(SparkSettings.apply(sparkConf))) {
            out.printf(Locale.ROOT, "spark: master %s, %d default parallelism; model %s %dx%d non-interactive, plan %s%n", sc.master(),
                    sc.defaultParallelism(), backend, hw[0], hw[1], driver.setup().parameterHash());
            long t1 = System.nanoTime();
            JobContext context = new JobContext(sc, driver, TaskHook.NONE, exchangeDir);
            if (inputs.input != null) {
                runOne(driver, new DistributedGraphJob(context), err, out);
            } else {
                List<String> done = new BatchJob(context).runFolder(inputs.inputDir, output, new LineProgress(err));
                out.printf(Locale.ROOT, "wrote %d results to %s%n", done.size(), output);
            }
            out.printf(Locale.ROOT, "eval: %.1f s on Spark (driver setup %.1f s)%n", (System.nanoTime() - t1) / 1e9, (t1 - t0) / 1e9);
        }
        out.flush();
        return 0;
    }

    private void runOne(DriverModel driver, DistributedGraphJob job, PrintWriter err, PrintWriter out) throws IOException {
        out.printf(Locale.ROOT, "graph: %d operations in %d phases%n", driver.phases().stream().mapToInt(p -> p.operations()).sum(),
                driver.phases().size());
        try (Ciphertext in = driver.readCiphertext(Files.readAllBytes(Path.of(inputs.input)));
             Ciphertext result = job.run(in, new LineProgress(err));
             OutputStream o = Files.newOutputStream(Path.of(output))) {
            result.writeTo(o);
        }
        out.printf(Locale.ROOT, "wrote %s (%d bytes)%n", output, Files.size(Path.of(output)));
    }

    /** {@code HxW}, or {@code N} for NxN, as the other commands read it without an image. */
    static int[] parseSize(String s) {
        String[] parts = s.toLowerCase(Locale.ROOT).split("x", -1);
        try {
            int h = Integer.parseInt(parts[0].trim());
            int w = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : h;
            if (parts.length > 2) {
                throw new NumberFormatException(s);
            }
            return new int[] {h, w};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--size takes HxW or N, got '" + s + "'");
        }
    }
}
