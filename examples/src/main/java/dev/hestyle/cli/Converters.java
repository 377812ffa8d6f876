package dev.hestyle.cli;

import dev.hestyle.mosaic.ImageSizeException;
import dev.hestyle.spi.Mode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option value converters that reject bad values as usage errors (exit code 2) with a clear message. */
final class Converters {
    private Converters() {
    }

    /** {@code non-interactive} or {@code client-aided}. */
    static final class ModeConverter implements ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            try {
                return Mode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** The polynomial ReLU depth, 2..7 (see {@link dev.hestyle.spi.CompileOptions}). */
    static final class ReluDepthConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return inRange(value, 2, 7);
        }
    }

    /** A count of at least one. */
    static final class PositiveConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return inRange(value, 1, Integer.MAX_VALUE);
        }
    }

    /** An upscaling factor for viewing; bounded so that a typo cannot ask for a gigapixel image. */
    static final class UpscaleConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return inRange(value, 1, 64);
        }
    }

    /** {@code HxW} or {@code N}, sides multiples of 4 (see {@link SizeSpec}). */
    static final class SizeConverter implements ITypeConverter<SizeSpec> {
        @Override
        public SizeSpec convert(String value) {
            try {
                return SizeSpec.parse(value);
            } catch (IllegalArgumentException | ImageSizeException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    private static int inRange(String value, int min, int max) {
        int v;
        try {
            v = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
        if (v < min || v > max) {
            throw new TypeConversionException(max == Integer.MAX_VALUE ? "must be at least " + min + ", got " + v
                    : "must be in " + min + ".." + max + ", got " + v);
        }
        return v;
    }
}
