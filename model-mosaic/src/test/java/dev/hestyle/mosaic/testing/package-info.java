/**
 * Test support for this module: locating the shared reference data, crafting torch zip checkpoints and pickles
 * byte by byte, synthetic state dicts of other sizes, and a naive forward pass to check graphs against references.
 */
package dev.hestyle.mosaic.testing;
