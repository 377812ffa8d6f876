package dev.hestyle.cli;

import dev.hestyle.api.HestyleException;
import dev.hestyle.api.RgbImage;
import dev.hestyle.api.StyleResult;
import dev.hestyle.api.StyleTransfer;
import dev.hestyle.cli.json.JsonWriter;
import dev.hestyle.mosaic.ImageSize;
import dev.hestyle.mosaic.MosaicModel;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.mosaic.image.ImageMetrics;
import dev.hestyle.spi.BackendProvider;
import dev.hestyle.spi.Backends;
import dev.hestyle.spi.CompileOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hestyle bench}: runs every {@code *.input.png} of a folder at its own size with a fresh key set per
 * image (per batch with {@code --batch}), scores each output against the matching {@code *.output.png}, and writes a
 * JSON report. The model is compiled once per distinct image size, and each compilation's time and plan are reported.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Benchmark a backend on a folder of images: accuracy against reference outputs, phase times, "
                + "operation counts, key and ciphertext sizes, peak memory.",
                "Inputs are the files named <id>.input.png (sorted by name), each run at its own size (sides multiples of 4); "
                        + "<id>.output.png, when present, is the expected output. The model is compiled once per size."})
final class BenchCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(BenchCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--backend", paramLabel = "NAME", required = true, description = "Backend to measure (a name, or 'auto').")
    String backend;

    @Option(names = "--images", paramLabel = "DIR", required = true, description = "Folder with <id>.input.png and optionally <id>.output.png files.")
    Path images;

    @Option(names = "--json", paramLabel = "OUT.json", required = true, description = "Where to write the JSON report.")
    Path json;

    @Option(names = "--limit", paramLabel = "N", converter = Converters.PositiveConverter.class, description = "Only the first N images.")
    Integer limit;

    @Option(names = "--batch", paramLabel = "B", converter = Converters.PositiveConverter.class, defaultValue = "1",
            description = "Images per ciphertext (a power of two; non-interactive plans with room for them): images of one size run B at a "
                    + "time, with one key set and one evaluation per batch, and each image is reported with its share of the batch's "
                    + "times. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws IOException {
        if (run.size != null) {
            throw new ParameterException(spec.commandLine(), "bench runs every image at its own size, that of its <id>.input.png; "
                    + "--size does not apply");
        }
        PrintWriter out = spec.commandLine().getOut();
        OutputFiles.checkParent(json);
        List<BenchInputs.Pair> inputs = BenchInputs.list(images, limit);
        MosaicModel base = run.loadModel();
        BackendProvider provider = Backends.select(backend);
        BenchReport report = new BenchReport(provider.name(), provider.encrypts(), run.mode, run.security(), run.reluDepth, base.name());
        ImageRun[] results = new ImageRun[inputs.size()];
        Map<ImageSize, List<Integer>> bySize = groupBySize(inputs, results);
        try (ConsoleProgress progress = ConsoleProgress.forConsole(spec.commandLine().getErr())) {
            CompileOptions options;
            try {
                options = run.compileOptions(progress).withBatch(batch);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--batch: " + e.getMessage());
            }
            int done = 0;
            for (Map.Entry<ImageSize, List<Integer>> group : bySize.entrySet()) {
                ImageSize size = group.getKey();
                List<Integer> members = group.getValue();
                StyleTransfer st;
                try {
                    st = StyleTransfer.create(base.withSize(size), provider.create(), options);
                } catch (HestyleException e) {
                    // A size the backend cannot plan fails its own images, not the other sizes.
                    String error = "compiling for " + size + " failed: " + ErrorReporter.describe(e);
                    log.error("{}", error);
                    report.size(SizeRun.failed(size, members.size(), error));
                    for (int i : members) {
                        results[i] = ImageRun.failed(inputs.get(i).name(), size, error);
                    }
                    continue;
                }
                try (st) {
                    progress.close();
                    report.size(SizeRun.compiled(size, members.size(), st.compileSeconds(), st.compiled().plan()));
                    for (int from = 0; from < members.size(); from += batch) {
                        List<Integer> chunk = members.subList(from, Math.min(members.size(), from + batch));
                        ImageRun[] runs = runBatch(st, chunk.stream().map(inputs::get).toList(), size);
                        progress.close();
                        for (int k = 0; k < chunk.size(); k++) {
                            results[chunk.get(k)] = runs[k];
                            logResult(++done, inputs.size(), runs[k]);
                        }
                    }
                }
            }
        }
        for (ImageRun r : results) {
            report.add(r);
        }
        Long peak = PeakMemory.peakRssBytes();
        Files.writeString(json, JsonWriter.write(report.toJson(peak)), StandardCharsets.UTF_8);
        report.printTable(out, peak);
        RunSummary.line(out, "wrote", json.toString());
        out.flush();
        return report.failures() == 0 ? Main.EXIT_OK : Main.EXIT_ERROR;
    }

    /**
     * The indices of the images of each size, sizes in the order their first image comes. An input that
     * cannot be read or has a size the network cannot run at is recorded as failed in {@code results}.
     */
    private static Map<ImageSize, List<Integer>> groupBySize(List<BenchInputs.Pair> inputs, ImageRun[] results) {
        Map<ImageSize, List<Integer>> bySize = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            BenchInputs.Pair pair = inputs.get(i);
            try {
                RgbImage input = ImageFiles.read(pair.input());
                bySize.computeIfAbsent(new ImageSize(input.height(), input.width()), k -> new ArrayList<>()).add(i);
            } catch (HestyleException e) {
                results[i] = ImageRun.failed(pair.name(), null, ErrorReporter.describe(e));
                log.error("image {} cannot be run: {}", pair.name(), results[i].error());
            }
        }
        return bySize;
    }

    private static void logResult(int done, int total, ImageRun r) {
        if (r.ok()) {
            log.info("image {}/{} {} ({}): {}, eval {}", done, total, r.name(), r.size(),
                    r.psnrDb() == null ? "no reference output" : "PSNR " + Units.psnr(r.psnrDb()) + " dB", Units.seconds(r.times().eval()));
        } else {
            log.error("image {}/{} {} failed: {}", done, total, r.name(), r.error());
        }
    }

    /** Runs {@code pairs} (at most the model's batch) as one batch; if the batch fails, every image in it fails. */
    private static ImageRun[] runBatch(StyleTransfer st, List<BenchInputs.Pair> pairs, ImageSize size) {
        List<RgbImage> inputs = pairs.stream().map(p -> ImageFiles.read(p.input())).toList();
        ImageRun[] runs = new ImageRun[pairs.size()];
        List<StyleResult> results;
        try {
            results = st.encryptRunBatch(inputs);
        } catch (HestyleException e) {
            // One batch that cannot be evaluated should not throw away the measurements of the others.
            for (int k = 0; k < runs.length; k++) {
                runs[k] = ImageRun.failed(pairs.get(k).name(), size, ErrorReporter.describe(e));
            }
            return runs;
        }
        for (int k = 0; k < runs.length; k++) {
            runs[k] = scored(pairs.get(k), inputs.get(k), results.get(k), size);
        }
        return runs;
    }

    private static ImageRun scored(BenchInputs.Pair pair, RgbImage input, StyleResult r, ImageSize size) {
        Double psnr = null;
        Integer maxDiff = null;
        if (pair.expected() != null) {
            RgbImage expected = ImageFiles.read(pair.expected());
            if (expected.width() != input.width() || expected.height() != input.height()) {
                return ImageRun.failed(pair.name(), size, "reference output " + pair.expected().getFileName() + " is " + expected.height() + "x"
                        + expected.width() + ", the input " + size + " (height x width)");
            }
            psnr = ImageRun.reported(ImageMetrics.psnr(expected, r.image()));
            maxDiff = ImageMetrics.maxAbsDiff(expected, r.image());
        }
        return new ImageRun(pair.name(), size, psnr, maxDiff, r.times(), r.ops(), r.evalKeyBytes(), r.ciphertextBytes(), r.details(), null);
    }
}
