package dev.hestyle.mosaic.checkpoint;

/** One of the few allowed pickle globals that REDUCE may apply; implemented in Java, never looked up by name. */
@FunctionalInterface
interface PickleCallable {
    Object call(PickleTuple args);
}
