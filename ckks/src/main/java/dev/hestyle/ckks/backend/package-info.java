/**
 * The backend SPI implemented once on top of any {@link dev.hestyle.ckks.engine.CkksEngine}: compile
 * (plan + parameters), the client (keys, packing, encryption, the client-aided ReLU step), the server
 * (evaluation keys and program only), and the wire format of ciphertexts and evaluation keys
 * (a {@link dev.hestyle.wire.Header} binding backend, parameters + plan, and key set, then the engine's body).
 */
package dev.hestyle.ckks.backend;
