/**
 * The OpenFHE backend: {@link dev.hestyle.backend.openfhe.OpenFheEngine}, the CKKS engine on OpenFHE
 * (leveled parameter sets for client-aided inference, a sparse-secret bootstrapping set for
 * non-interactive inference), and its {@link dev.hestyle.backend.openfhe.OpenFheBackendProvider}. The
 * shared CKKS lowering in {@code dev.hestyle.ckks} runs on top; the native calls live in
 * {@code dev.hestyle.backend.openfhe.jni}.
 */
package dev.hestyle.backend.openfhe;
