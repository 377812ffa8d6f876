/**
 * The evaluation server of {@code hestyle serve}: an HTTP/1.1 service on the JDK's built-in server that
 * accepts evaluation keys (uploaded in chunks, cached by key id), runs encrypted stylisation sessions on a
 * bounded worker pool, and hands client-aided activations back to the client. It holds evaluation keys and
 * ciphertexts only; it refuses secret-key material. Errors are JSON bodies with a stable reason.
 */
package dev.hestyle.cli.server;
