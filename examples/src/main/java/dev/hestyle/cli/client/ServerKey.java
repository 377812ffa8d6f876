package dev.hestyle.cli.client;

/**
 * A key set as the server knows it: its server key id (the SHA-256 of the serialized evaluation keys,
 * in hex) and the access token the server gave this client for it.
 *
 * @param id the server key id
 * @param token the access token, sent as {@code Authorization: Bearer TOKEN}
 */
public record ServerKey(String id, String token) {
    @Override
    public String toString() {
        return id; // the token is a secret: keep it out of logs and messages
    }
}
