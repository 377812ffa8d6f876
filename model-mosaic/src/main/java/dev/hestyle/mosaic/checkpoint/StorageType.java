package dev.hestyle.mosaic.checkpoint;

/** The storage classes a supported state dict may name, with the size of one element on disk. */
enum StorageType {
    FLOAT("FloatStorage", 4),
    LONG("LongStorage", 8);

    private final String torchName;
    private final int elementBytes;

    StorageType(String torchName, int elementBytes) {
        this.torchName = torchName;
        this.elementBytes = elementBytes;
    }

    /** The class name after {@code torch.}, e.g. {@code FloatStorage}. */
    String torchName() {
        return torchName;
    }

    int elementBytes() {
        return elementBytes;
    }

    /** The type called {@code torch.<name>}, or {@code null}. */
    static StorageType byTorchName(String name) {
        for (StorageType t : values()) {
            if (t.torchName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
