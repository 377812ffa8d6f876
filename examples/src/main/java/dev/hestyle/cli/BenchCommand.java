package dev.hestyle.cli;

import dev.hestyle.api.HestyleException;
import dev.hestyle.api.RgbImage;
import dev.hestyle.api.StyleModel;
import dev.hestyle.api.StyleResult;
import dev.hestyle.api.StyleTransfer;
import dev.hestyle.cli.json.JsonWriter;
import dev.hestyle.mosaic.image.ImageMetrics;
import dev.hestyle.mosaic.image.ImageFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hestyle bench}: compiles once, then runs every {@code *.input.png} of a folder with a fresh key
 * set each, scores each output against the matching {@code *.output.png}, and writes a JSON report.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Benchmark a backend on a folder of images: accuracy against reference outputs, phase times, "
                + "operation counts, key and ciphertext sizes, peak memory.",
                "Inputs are the files named <id>.input.png (sorted by name); <id>.output.png, when present, is the expected output."})
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

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        OutputFiles.checkParent(json);
        List<BenchInputs.Pair> inputs = BenchInputs.list(images, limit);
        StyleModel model = run.loadModel();
        BenchReport report;
        try (ConsoleProgress progress = ConsoleProgress.forConsole(spec.commandLine().getErr());
             StyleTransfer st = StyleTransfer.create(model, backend, run.compileOptions(progress))) {
            report = new BenchReport(st.backend().name(), st.backend().encrypts(), run.security(), run.reluDepth, model.name());
            for (int i = 0; i < inputs.size(); i++) {
                BenchInputs.Pair pair = inputs.get(i);
                ImageRun r = runOne(st, pair);
                progress.close();
                if (r.ok()) {
                    log.info("image {}/{} {}: {}, eval {}", i + 1, inputs.size(), r.name(),
                            r.psnrDb() == null ? "no reference output" : "PSNR " + Units.psnr(r.psnrDb()) + " dB",
                            Units.seconds(r.times().eval()));
                } else {
                    log.error("image {}/{} {} failed: {}", i + 1, inputs.size(), r.name(), r.error());
                }
                report.add(r);
            }
            report.plan(st.compiled().plan());
        }
        Long peak = PeakMemory.peakRssBytes();
        Files.writeString(json, JsonWriter.write(report.toJson(peak)), StandardCharsets.UTF_8);
        report.printTable(out, peak);
        RunSummary.line(out, "wrote", json.toString());
        out.flush();
        return report.failures() == 0 ? Main.EXIT_OK : Main.EXIT_ERROR;
    }

    private static ImageRun runOne(StyleTransfer st, BenchInputs.Pair pair) {
        RgbImage input = ImageFiles.read(pair.input());
        StyleResult r;
        try {
            r = st.encryptRun(input);
        } catch (HestyleException e) {
            // One image that cannot be evaluated should not throw away the measurements of the others.
            return ImageRun.failed(pair.name(), ErrorReporter.describe(e));
        }
        Double psnr = null;
        Integer maxDiff = null;
        if (pair.expected() != null) {
            RgbImage expected = ImageFiles.read(pair.expected());
            psnr = ImageRun.reported(ImageMetrics.psnr(expected, r.image()));
            maxDiff = ImageMetrics.maxAbsDiff(expected, r.image());
        }
        return new ImageRun(pair.name(), psnr, maxDiff, r.times(), r.ops(), r.evalKeyBytes(), r.ciphertextBytes(), r.details(), null);
    }
}
