/**
 * Image files and pixel operations: reading PNG and JPEG into {@link dev.hestyle.api.RgbImage} (exact samples,
 * size checked against {@link dev.hestyle.mosaic.image.ImageLimits} before decoding), writing PNG, area-correct
 * resizing, nearest-neighbour enlargement, side-by-side comparison grids, and the image metrics (PSNR, largest
 * difference) that tests and benchmarks report.
 */
package dev.hestyle.mosaic.image;
