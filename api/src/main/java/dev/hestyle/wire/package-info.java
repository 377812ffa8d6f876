/**
 * The versioned binary envelope of everything that crosses the wire (parameters, evaluation keys,
 * ciphertexts): a header naming the format version, artifact kind, backend, parameter hash and key id,
 * then length-prefixed, checksummed sections. A mismatch is a {@link dev.hestyle.api.WireFormatException},
 * never garbage handed to native code.
 */
package dev.hestyle.wire;
