/**
 * A CKKS engine without cryptography, for development and for planning: ciphertexts are plain
 * {@code double[]} slot vectors that carry a level, a scale and a noise estimate. Every operation applies
 * the exact arithmetic, injects noise of the size real CKKS adds at the modelled parameters (encoding,
 * encryption, rescaling, key switching, bootstrapping), enforces the same level budget and key
 * requirements as a real engine, and accumulates the time and key sizes measured for real libraries
 * ({@link dev.hestyle.backend.simulated.ParameterModel}).
 *
 * <p><b>Nothing is encrypted.</b> The "ciphertexts" hold the image in the clear. This backend is never
 * selected automatically; it must be named ({@code "simulated"}).
 */
package dev.hestyle.backend.simulated;
