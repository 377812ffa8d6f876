package dev.hestyle.mosaic.samples;

/** A picture as a function of continuous coordinates, so it can be rendered at any size. */
@FunctionalInterface
interface Scene {
    /**
     * Writes the colour at ({@code u}, {@code v}) into {@code rgb} (three values, 0..1).
     *
     * @param u horizontal position, 0 left to 1 right
     * @param v vertical position, 0 top to 1 bottom
     */
    void colour(double u, double v, double[] rgb);
}
