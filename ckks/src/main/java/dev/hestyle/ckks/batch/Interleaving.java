package dev.hestyle.ckks.batch;

import java.util.List;

/** The slot arithmetic of a batch of {@code batch} images interleaved in ciphertexts of {@code batch·slots} slots. */
public record Interleaving(int batch, int slots) {
    public Interleaving {
        if (batch < 1 || Integer.bitCount(batch) != 1 || slots < 1 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("batch and slots must be powers of two, got " + batch + " and " + slots);
        }
        Math.multiplyExact(batch, slots);
    }

    /** Slots of the engine's ciphertexts. */
    public int engineSlots() {
        return batch * slots;
    }

    /** The engine rotation that rotates every image by {@code steps}. */
    public int engineSteps(int steps) {
        return Math.floorMod(steps, slots) * batch;
    }

    /** {@code values} (one image's slots, at most {@link #slots()}, zero-padded) repeated for every image. */
    public double[] repeat(double[] values) {
        check(values);
        double[] out = new double[engineSlots()];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v != 0) {
                for (int k = 0; k < batch; k++) {
                    out[i * batch + k] = v;
                }
            }
        }
        return out;
    }

    /**
     * The images' slot vectors (at most {@link #batch()}; missing images are zeros) in one engine vector; without a
     * batch, the one image's vector itself.
     */
    public double[] interleave(List<double[]> images) {
        if (images.isEmpty() || images.size() > batch) {
            throw new IllegalArgumentException("a batch holds 1 to " + batch + " images, got " + images.size());
        }
        if (batch == 1) {
            check(images.get(0));
            return images.get(0);
        }
        double[] out = new double[engineSlots()];
        for (int k = 0; k < images.size(); k++) {
            double[] v = images.get(k);
            check(v);
            for (int i = 0; i < v.length; i++) {
                out[i * batch + k] = v[i];
            }
        }
        return out;
    }

    /**
     * The slot vector of every image in {@code engine} (an engine vector of at least {@link #engineSlots()} values);
     * without a batch, {@code engine} itself.
     */
    public double[][] split(double[] engine) {
        if (engine.length < engineSlots()) {
            throw new IllegalArgumentException("expected " + engineSlots() + " slots, got " + engine.length);
        }
        if (batch == 1) {
            return new double[][] {engine};
        }
        double[][] images = new double[batch][slots];
        for (int i = 0; i < slots; i++) {
            for (int k = 0; k < batch; k++) {
                images[k][i] = engine[i * batch + k];
            }
        }
        return images;
    }

    private void check(double[] values) {
        if (values.length > slots) {
            throw new IllegalArgumentException("an image has " + slots + " slots, got " + values.length + " values");
        }
    }
}
