/**
 * The Mosaic style-transfer model: {@link dev.hestyle.mosaic.MosaicModel} loads a TransformerNet checkpoint into
 * the layer graph ({@link dev.hestyle.mosaic.TransformerNet}) and carries the network's pre- and post-processing
 * ({@link dev.hestyle.mosaic.Preprocessing}, {@link dev.hestyle.mosaic.Postprocessing}) at an input size
 * ({@link dev.hestyle.mosaic.ImageSize}).
 */
package dev.hestyle.mosaic;
