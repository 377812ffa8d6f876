/**
 * The backend SPI: how a backend registers ({@link dev.hestyle.spi.BackendProvider} in
 * {@code META-INF/services}), how one is chosen ({@link dev.hestyle.spi.Backends}), and the
 * compile-then-run contract with its two roles: a {@link dev.hestyle.spi.Client} that owns the secret
 * key and a {@link dev.hestyle.spi.Server} that owns only evaluation material.
 */
package dev.hestyle.spi;
