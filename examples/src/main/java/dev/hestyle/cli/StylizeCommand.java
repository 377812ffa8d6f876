package dev.hestyle.cli;

import dev.hestyle.api.RgbImage;
import dev.hestyle.api.StyleResult;
import dev.hestyle.api.StyleTransfer;
import dev.hestyle.mosaic.ImageSize;
import dev.hestyle.mosaic.MosaicModel;
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
                "Writes the result as PNG at the network's size (--size, 32x32 by default) and reports security, phase times, "
                        + "operation counts and sizes."})
final class StylizeCommand implements Callable<Integer> {

    /** Exactly one image source. */
    static final class Source {
        @Option(names = "--input", paramLabel = "IN", required = true, description = "Input image, PNG or JPEG, any size (resized to --size, 32x32 by default).")
        Path input;

        @Option(names = "--sample", paramLabel = "NAME", required = true,
                description = "A built-in sample image instead of a file, drawn at --size: ${COMPLETION-CANDIDATES}.",
                completionCandidates = SampleNames.class)
        String sample;

        /** The file as it is, or the sample drawn at {@code size} (so it needs no resampling). */
        RgbImage load(ImageSize size) {
            return input != null ? ImageFiles.read(input) : SampleImages.named(sample, size.width(), size.height());
        }
    }

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--output", paramLabel = "OUT.png", required = true, description = "Where to write the stylised PNG (at the network's size).")
    Path output;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend name, or 'auto' for the highest-priority available encrypting backend. "
                    + "Default: -Dhestyle.backend, else env HESTYLE_BACKEND, else auto. Never falls back to computing in the clear.")
    String backend;

    @Option(names = "--upscale", paramLabel = "N", converter = Converters.UpscaleConverter.class,
            description = "Also write an N-times enlarged copy (nearest neighbour) next to the output, named OUT-xN.png.")
    Integer upscale;

    @Option(names = "--compare", paramLabel = "GRID.png",
            description = "Also write a side-by-side view: the input as the network sees it, the clear model's output, and this backend's "
                    + "output, each enlarged by --upscale (default: to about " + CompareGrid.PANEL_SIDE + " pixels).")
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
        RgbImage image = source.load(run.size());
        ImageSize size = run.sizeFor(image);
        MosaicModel model = run.loadModel().withSize(size);
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
        RunSummary.line(out, "input", image.height() + "x" + image.width() + (size.height() == image.height() && size.width() == image.width()
                ? ", run as it is" : ", resampled to " + size) + " (height x width)");
        RunSummary.print(out, encrypts, run.security(), result);

        ImageFiles.writePng(result.image(), output);
        RunSummary.line(out, "wrote", output + " (" + result.image().width() + "x" + result.image().height() + ")");
        if (upscale != null && upscale > 1) {
            Path big = OutputFiles.withSuffix(output, "-x" + upscale);
            ImageFiles.writePng(ImageFiles.upscaleNearest(result.image(), upscale), big);
            RunSummary.line(out, "wrote", big + " (" + upscale + "x enlarged)");
        }
        if (compare != null) {
            CompareGrid grid = CompareGrid.build(model, image, backendName, result.image(), upscale == null ? CompareGrid.defaultScale(size) : upscale);
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
