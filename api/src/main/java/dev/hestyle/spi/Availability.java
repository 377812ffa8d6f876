package dev.hestyle.spi;

/**
 * Whether a provider can be used on this machine, and if not, what to install.
 *
 * @param available true if {@link BackendProvider#create()} is expected to work
 * @param reason why not, with the fix; empty when available
 */
public record Availability(boolean available, String reason) {
    public static Availability yes() {
        return new Availability(true, "");
    }

    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
