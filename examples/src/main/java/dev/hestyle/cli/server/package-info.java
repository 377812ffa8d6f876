/**
 * The evaluation server of {@code hestyle serve}: an HTTP/1.1 service on an embedded Jetty server that
 * accepts evaluation keys (uploaded in chunks, named by the SHA-256 of their bytes, usable only with the
 * access token their uploader received), runs encrypted stylisation sessions on a bounded worker pool, and
 * hands client-aided activations back to the client. Requests are checked before their bodies are read,
 * bodies and long polls hold no thread while they wait, and every wait has a deadline. It holds evaluation
 * keys and ciphertexts only; it refuses secret-key material. Errors are JSON bodies with a stable reason.
 */
package dev.hestyle.cli.server;
