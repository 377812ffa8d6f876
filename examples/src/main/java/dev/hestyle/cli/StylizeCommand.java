package dev.hestyle.cli;

import dev.hestyle.api.RgbImage;
import dev.hestyle.api.StyleModel;
import dev.hestyle.api.StyleResult;
import dev.hestyle.api.StyleTransfer;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.mosaic.samples.SampleImages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hestyle stylize}: one image through the whole encrypted pipeline, with a report and optional views. */
@Command(name = "stylize", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Stylise one image under encryption: key generation, encryption, encrypted evaluation, decryption.",
                "Writes the 32x32 result as PNG and reports security, phase times, operation counts and sizes."})
final class StylizeCommand implements Callable<Integer> {

    /** Exactly one image source. */
    static final class Source {
        @Option(names = "--input", paramLabel = "IN", required = true, description = "Input image, PNG or JPEG, any size (resized to 32x32).")
        Path input;

        @Option(names = "--sample", paramLabel = "NAME", required = true,
                description = "A built-in sample image instead of a file: ${COMPLETION-CANDIDATES}.",
                completionCandidates = SampleNames.class)
        String sample;

        RgbImage load() {
            return input != null ? ImageFiles.read(input) : SampleImages.named(sample);
        }
    }

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--output", paramLabel = "OUT.png", required = true, description = "Where to write the 32x32 stylised PNG.")
    Path output;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend name, or 'auto' for the highest-priority available encrypting backend. "
                    + "Default: -Dhestyle.backend, else env HESTYLE_BACKEND, else auto. Never falls back to computing in the clear.")
    String backend;

    @Option(names = "--upscale", paramLabel = "N", converter = Converters.UpscaleConverter.class,
            description = "Also write an N-times enlarged copy (nearest neighbour) next to the output, named OUT-xN.png.")
    Integer upscale;

    @Option(names = "--compare", paramLabel = "GRID.png",
            description = "Also write a side-by-side view: the input as the network sees it (32x32), the clear model's output, and this backend's output.")
    Path compare;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        OutputFiles.checkParent(output);
        if (compare != null) {
            OutputFiles.checkParent(compare);
        }
        RgbImage image = source.load();
        StyleModel model = run.loadModel();
        StyleResult result;
        boolean encrypts;
        String backendName;
        try (ConsoleProgress progress = ConsoleProgress.forConsole(spec.commandLine().getErr());
             StyleTransfer st = StyleTransfer.create(model, backend, run.compileOptions(progress))) {
            result = st.encryptRun(image);
            progress.close();
            encrypts = st.backend().encrypts();
            backendName = st.backend().name();
        }
        RunSummary.print(out, encrypts, run.security(), result);

        ImageFiles.writePng(result.image(), output);
        RunSummary.line(out, "wrote", output + " (" + result.image().width() + "x" + result.image().height() + ")");
        if (upscale != null && upscale > 1) {
            Path big = OutputFiles.withSuffix(output, "-x" + upscale);
            ImageFiles.writePng(ImageFiles.upscaleNearest(result.image(), upscale), big);
            RunSummary.line(out, "wrote", big + " (" + upscale + "x enlarged)");
        }
        if (compare != null) {
            CompareGrid grid = CompareGrid.build(model, image, backendName, result.image(), upscale == null ? CompareGrid.DEFAULT_SCALE : upscale);
            ImageFiles.writePng(grid.image(), compare);
            RunSummary.line(out, "wrote", compare + " (" + grid.caption() + ")");
        }
        out.flush();
        return Main.EXIT_OK;
    }

    /** Lists the sample names in the help text. */
    static final class SampleNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return SampleImages.names().iterator();
        }
    }
}
