/**
 * Procedurally drawn sample images, identical on every run and machine: natural-looking scenes (landscapes,
 * still lifes, animals, cities) with smooth colour fields and soft textures, and a few hard patterns
 * (checkerboard, stripes, noise, colour bars). They calibrate the ranges of polynomial activations and serve as
 * demo inputs, without shipping third-party photos.
 */
package dev.hestyle.mosaic.samples;
