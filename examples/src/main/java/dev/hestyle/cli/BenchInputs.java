package dev.hestyle.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds the benchmark images of a folder: {@code <id>.input.png}, each with its {@code <id>.output.png} if present. */
final class BenchInputs {
    static final String INPUT_SUFFIX = ".input.png";
    static final String OUTPUT_SUFFIX = ".output.png";

    /**
     * One benchmark image.
     *
     * @param name the id
     * @param input the input file
     * @param expected the reference output, or {@code null}
     */
    record Pair(String name, Path input, Path expected) {
    }

    private BenchInputs() {
    }

    /**
     * The images of {@code dir} sorted by file name, at most {@code limit} of them ({@code null}: all).
     *
     * @throws IllegalArgumentException if the folder does not exist or holds no input image
     */
    static List<Pair> list(Path dir, Integer limit) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("not a folder: " + dir);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(INPUT_SUFFIX) && Files.isRegularFile(p))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no *" + INPUT_SUFFIX + " files in " + dir);
        }
        List<Pair> pairs = new ArrayList<>();
        for (Path f : files) {
            if (limit != null && pairs.size() >= limit) {
                break;
            }
            String file = f.getFileName().toString();
            String name = file.substring(0, file.length() - INPUT_SUFFIX.length());
            Path expected = f.resolveSibling(name + OUTPUT_SUFFIX);
            pairs.add(new Pair(name, f, Files.isRegularFile(expected) ? expected : null));
        }
        return pairs;
    }
}
