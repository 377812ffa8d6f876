/**
 * The small slot-vector engine interface that every CKKS backend implements (OpenFHE, SEAL, the
 * simulator). Everything above it (packing, lowering, planning) is shared and lives in
 * {@code dev.hestyle.ckks}; everything below it is a library call.
 */
package dev.hestyle.ckks.engine;
