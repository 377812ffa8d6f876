/**
 * The client side of {@code hestyle run}: talks to a {@code hestyle serve} server over HTTP, uploads the
 * evaluation keys in chunks, sends the encrypted input, answers the server's activation requests in
 * client-aided mode, and fetches the encrypted result. The secret key never leaves this side.
 */
package dev.hestyle.cli.client;
