package dev.hestyle.mosaic.checkpoint;

import java.util.Arrays;

/** Element counts and contiguity of row-major shapes, with overflow checks. */
final class ShapeMath {
    private ShapeMath() {
    }

    /** Product of the dimensions (1 for a scalar); refuses negative dimensions and counts beyond an int array. */
    static long numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large");
            }
        }
        return n;
    }

    /**
     * Whether {@code stride} is the row-major stride of {@code shape}. Dimensions of size 1 may carry any
     * stride (torch does the same), since they never advance.
     */
    static boolean isContiguous(int[] shape, long[] stride) {
        if (shape.length != stride.length) {
            return false;
        }
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            if (shape[d] != 0 && expected > Long.MAX_VALUE / shape[d]) {
                return false; // no real stride can be that large
            }
            expected *= shape[d];
        }
        return true;
    }
}
