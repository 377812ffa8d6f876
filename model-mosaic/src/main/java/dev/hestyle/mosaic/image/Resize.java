package dev.hestyle.mosaic.image;

import dev.hestyle.api.RgbImage;

/**
 * Resizes images separably, per axis: where the axis shrinks (or keeps its size) each output pixel is the exact
 * area average of the source pixels it covers (box filter, fractional coverage at the edges), so downscaling
 * neither aliases nor drops pixels; where the axis grows, bilinear interpolation with pixel centres at
 * {@code i + 0.5} (the convention of PIL and of torch's {@code align_corners=False}), clamped at the border.
 * An image of another aspect ratio is stretched, not cropped.
 */
public final class Resize {
    private Resize() {
    }

    /**
     * The resized image as three channel planes (red, green, blue), each {@code height * width} values, row-major,
     * on the 0..255 scale and not rounded. A same-size request returns the exact pixel values.
     */
    public static double[][] planes(RgbImage image, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("target size must be positive, got " + width + "x" + height);
        }
        Kernel kx = Kernel.of(image.width(), width);
        Kernel ky = Kernel.of(image.height(), height);
        double[][] out = new double[3][];
        for (int c = 0; c < 3; c++) {
            double[] rows = new double[image.height() * width];
            for (int y = 0; y < image.height(); y++) {
                for (int x = 0; x < width; x++) {
                    double s = 0;
                    for (int k = 0; k < kx.weights[x].length; k++) {
                        s += kx.weights[x][k] * image.channel(kx.start[x] + k, y, c);
                    }
                    rows[y * width + x] = s;
                }
            }
            double[] plane = new double[height * width];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double s = 0;
                    for (int k = 0; k < ky.weights[y].length; k++) {
                        s += ky.weights[y][k] * rows[(ky.start[y] + k) * width + x];
                    }
                    plane[y * width + x] = s;
                }
            }
            out[c] = plane;
        }
        return out;
    }

    /** The resized image rounded to 8 bits. */
    public static RgbImage rgb(RgbImage image, int width, int height) {
        if (image.width() == width && image.height() == height) {
            return image;
        }
        double[][] p = planes(image, width, height);
        int[] px = new int[width * height];
        for (int i = 0; i < px.length; i++) {
            px[i] = byteOf(p[0][i]) << 16 | byteOf(p[1][i]) << 8 | byteOf(p[2][i]);
        }
        return new RgbImage(width, height, px);
    }

    private static int byteOf(double v) {
        return (int) Math.max(0, Math.min(255, Math.floor(v + 0.5)));
    }

    /** Per output index: the first source index and the weights of consecutive source pixels. */
    private static final class Kernel {
        final int[] start;
        final double[][] weights;

        private Kernel(int n) {
            start = new int[n];
            weights = new double[n][];
        }

        static Kernel of(int src, int dst) {
            return dst <= src ? area(src, dst) : bilinear(src, dst);
        }

        private static Kernel area(int src, int dst) {
            Kernel k = new Kernel(dst);
            double scale = (double) src / dst;
            for (int i = 0; i < dst; i++) {
                double lo = i * scale;
                double hi = (i + 1) * scale;
                int first = (int) Math.floor(lo);
                int last = Math.min(src - 1, (int) Math.ceil(hi) - 1);
                double[] w = new double[last - first + 1];
                for (int j = first; j <= last; j++) {
                    w[j - first] = (Math.min(hi, j + 1) - Math.max(lo, j)) / scale;
                }
                k.start[i] = first;
                k.weights[i] = w;
            }
            return k;
        }

        private static Kernel bilinear(int src, int dst) {
            Kernel k = new Kernel(dst);
            double scale = (double) src / dst;
            for (int i = 0; i < dst; i++) {
                double pos = Math.max(0, Math.min(src - 1, (i + 0.5) * scale - 0.5));
                int first = Math.min((int) Math.floor(pos), Math.max(0, src - 2));
                double frac = pos - first;
                k.start[i] = first;
                k.weights[i] = src == 1 ? new double[] {1} : new double[] {1 - frac, frac};
            }
            return k;
        }
    }
}
