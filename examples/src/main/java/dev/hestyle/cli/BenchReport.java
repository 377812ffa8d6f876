package dev.hestyle.cli;

import dev.hestyle.spi.Mode;
import dev.hestyle.spi.OpCounts;
import dev.hestyle.spi.PlanReport;
import dev.hestyle.spi.Security;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The results of one benchmark run and their two renderings: the JSON document (schema in the README)
 * and a table for people. The model is compiled once per image size ({@link SizeRun}).
 */
final class BenchReport {
    private final String backend;
    private final boolean encrypts;
    private final Mode mode;
    private final Security security;
    private final int reluDepth;
    private final String model;
    private final List<ImageRun> images = new ArrayList<>();
    private final List<SizeRun> sizes = new ArrayList<>();

    BenchReport(String backend, boolean encrypts, Mode mode, Security security, int reluDepth, String model) {
        this.backend = backend;
        this.encrypts = encrypts;
        this.mode = mode;
        this.security = security;
        this.reluDepth = reluDepth;
        this.model = model;
    }

    /** Records one compilation, in the order the sizes were compiled. */
    void size(SizeRun s) {
        sizes.add(s);
    }

    /** The plan of the first size that compiled, or {@code null} if none did. */
    PlanReport plan() {
        return sizes.stream().filter(SizeRun::ok).findFirst().map(SizeRun::plan).orElse(null);
    }

    /** Seconds spent compiling, summed over the sizes that compiled, or {@code null} if none did. */
    Double compileSeconds() {
        return sizes.stream().anyMatch(SizeRun::ok) ? sizes.stream().filter(SizeRun::ok).mapToDouble(SizeRun::compileSeconds).sum() : null;
    }

    /** Adds the images in the order they are reported (by name). */
    void add(ImageRun run) {
        images.add(run);
    }

    List<ImageRun> images() {
        return List.copyOf(images);
    }

    long failures() {
        return images.stream().filter(r -> !r.ok()).count();
    }

    /** Mean PSNR over the images that have a reference, or {@code null} if none has. */
    Double meanPsnr() {
        return images.stream().map(ImageRun::psnrDb).filter(Objects::nonNull).mapToDouble(Double::doubleValue).average().stream()
                .boxed().findFirst().orElse(null);
    }

    /** Lowest PSNR over the images that have a reference, or {@code null}. */
    Double worstPsnr() {
        return images.stream().map(ImageRun::psnrDb).filter(Objects::nonNull).min(Double::compare).orElse(null);
    }

    /** The JSON document as ordered maps and lists. */
    Map<String, Object> toJson(Long peakRssBytes) {
        PlanReport plan = plan();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", backend);
        m.put("encrypts", encrypts);
        m.put("mode", mode.label());
        m.put("relu_depth", reluDepth);
        m.put("insecure_test_params", security == Security.INSECURE_TEST_ONLY);
        m.put("security_bits", encrypts && plan != null ? plan.securityBits() : null);
        m.put("secret_distribution", encrypts && plan != null ? plan.secretDistribution() : null);
        m.put("model", model);
        m.put("compile_seconds", compileSeconds());
        m.put("image_count", images.size());
        m.put("failed_count", failures());
        m.put("mean_psnr_db", meanPsnr());
        m.put("worst_psnr_db", worstPsnr());
        m.put("peak_rss_bytes", peakRssBytes);
        ImageRun first = images.stream().filter(ImageRun::ok).findFirst().orElse(null);
        m.put("eval_key_bytes", first == null ? null : images.stream().filter(ImageRun::ok).mapToLong(ImageRun::evalKeyBytes).max().getAsLong());
        m.put("ciphertext_bytes", first == null ? null : images.stream().filter(ImageRun::ok).mapToLong(ImageRun::ciphertextBytes).max().getAsLong());
        m.put("ops", first == null ? null : ops(first.ops()));
        m.put("plan", plan == null ? null : planJson(plan));
        List<Object> compiled = new ArrayList<>();
        for (SizeRun r : sizes) {
            compiled.add(sizeJson(r));
        }
        m.put("sizes", compiled);
        m.put("details", meanDetails());
        List<Object> list = new ArrayList<>();
        for (ImageRun r : images) {
            list.add(image(r));
        }
        m.put("images", list);
        return m;
    }

    private static Map<String, Object> sizeJson(SizeRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", r.size().toString());
        m.put("image_count", r.imageCount());
        m.put("compile_seconds", r.compileSeconds());
        m.put("plan", r.ok() ? planJson(r.plan()) : null);
        if (!r.ok()) {
            m.put("error", r.error());
        }
        return m;
    }

    private static Map<String, Object> image(ImageRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("size", r.size() == null ? null : r.size().toString());
        m.put("psnr_db", r.psnrDb());
        m.put("max_abs_diff", r.maxAbsDiff());
        if (r.ok()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("keygen", r.times().keygen());
            s.put("encrypt", r.times().encrypt());
            s.put("eval", r.times().eval());
            s.put("decrypt", r.times().decrypt());
            m.put("seconds", s);
            m.put("ops", ops(r.ops()));
            m.put("details", r.details());
        } else {
            m.put("error", r.error());
        }
        return m;
    }

    static Map<String, Object> ops(OpCounts o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rotations", o.rotations());
        m.put("ct_mults", o.ctMults());
        m.put("pt_mults", o.ptMults());
        m.put("bootstraps", o.bootstraps());
        return m;
    }

    private static Map<String, Object> planJson(PlanReport p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ring_dimension", p.ringDimension());
        m.put("levels", p.levelsUsed());
        m.put("rotation_keys", p.rotationKeys());
        m.put("round_trips", p.clientRoundTrips());
        m.put("ops", ops(p.ops()));
        m.put("details", p.details());
        return m;
    }

    /**
     * Evaluation details summarised over the images: numbers that vary are averaged, anything else is
     * taken from the first image (such values describe the plan and do not change per image).
     */
    private Map<String, Object> meanDetails() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<ImageRun> ok = images.stream().filter(ImageRun::ok).toList();
        if (ok.isEmpty()) {
            return out;
        }
        for (Map.Entry<String, Object> e : ok.get(0).details().entrySet()) {
            String key = e.getKey();
            boolean same = ok.stream().allMatch(r -> Objects.equals(r.details().get(key), e.getValue()));
            boolean numeric = ok.stream().allMatch(r -> r.details().get(key) instanceof Number);
            out.put(key, !same && numeric ? ok.stream().mapToDouble(r -> ((Number) r.details().get(key)).doubleValue()).average().getAsDouble()
                    : e.getValue());
        }
        return out;
    }

    /** The table for people: one row per image, then the run-level figures. */
    void printTable(PrintWriter out, Long peakRssBytes) {
        out.printf(Locale.ROOT, "%-16s %9s %9s %8s %9s %9s %9s %9s%n", "image", "size", "PSNR dB", "max diff", "keygen s", "encrypt s", "eval s",
                "decrypt s");
        for (ImageRun r : images) {
            String size = r.size() == null ? "?" : r.size().toString();
            if (!r.ok()) {
                out.printf(Locale.ROOT, "%-16s %9s FAILED: %s%n", r.name(), size, r.error());
                continue;
            }
            out.printf(Locale.ROOT, "%-16s %9s %9s %8s %9.2f %9.2f %9.2f %9.2f%n", r.name(), size, Units.psnr(r.psnrDb()),
                    r.maxAbsDiff() == null ? "n/a" : r.maxAbsDiff().toString(),
                    r.times().keygen(), r.times().encrypt(), r.times().eval(), r.times().decrypt());
        }
        PlanReport plan = plan();
        RunSummary.line(out, "backend", backend + ", mode " + mode.label() + ", security "
                + (plan == null ? "n/a (nothing compiled)" : RunSummary.security(encrypts, security, plan)));
        RunSummary.line(out, "PSNR", "mean " + Units.psnr(meanPsnr()) + " dB, worst " + Units.psnr(worstPsnr())
                + " dB (999 = identical to the reference)");
        images.stream().filter(ImageRun::ok).findFirst().ifPresent(r -> {
            Object batch = r.details().get("batch_images");
            RunSummary.line(out, "ops", RunSummary.ops(r.ops()) + (batch == null ? " per image" : " per evaluation (a batch of up to "
                    + plan.details().get("images_per_ciphertext") + " images; times above are each image's share)"));
            RunSummary.line(out, "sizes", "evaluation keys " + Units.bytes(r.evalKeyBytes()) + ", ciphertext " + Units.bytes(r.ciphertextBytes()));
        });
        for (SizeRun s : sizes) {
            String images = s.imageCount() + (s.imageCount() == 1 ? " image" : " images");
            RunSummary.line(out, "compile", s.size() + " (" + images + "): " + (s.ok() ? "in " + Units.seconds(s.compileSeconds()) + ", "
                    + RunSummary.plan(s.plan()) : "FAILED: " + s.error()));
        }
        RunSummary.line(out, "peak RSS", peakRssBytes == null ? "unavailable" : Units.bytes(peakRssBytes));
        if (failures() > 0) {
            RunSummary.line(out, "FAILED", failures() + " of " + images.size() + " images");
        }
        out.flush();
    }
}
