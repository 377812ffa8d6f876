package dev.hestyle.spark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Files every machine of the cluster reaches by the same name: a path of the user's distributed file system
 * ({@code hdfs://...}, or any scheme Hadoop knows) or a local path when all executors share one folder.
 */
final class SharedFiles {
    private static final int BUFFER = 1 << 16;

    private SharedFiles() {
    }

    static InputStream open(String path) throws IOException {
        Path p = new Path(path);
        return new BufferedInputStream(fs(p).open(p), BUFFER);
    }

    /** Creates or replaces {@code path}: a retried task writes its result again. */
    static OutputStream create(String path) throws IOException {
        Path p = new Path(path);
        return new BufferedOutputStream(fs(p).create(p, true), BUFFER);
    }

    /**
     * Writes {@code bytes} to {@code path} whole or not at all (a temporary name, then a rename), so that a reader
     * never sees half a file, even while a retried task writes the same file again.
     */
    static void writeAtomically(String path, byte[] bytes, String attempt) throws IOException {
        Path target = new Path(path);
        Path temporary = new Path(path + ".part-" + attempt);
        FileSystem fs = fs(target);
        try (OutputStream out = fs.create(temporary, true)) {
            out.write(bytes);
        }
        fs.delete(target, false);
        if (!fs.rename(temporary, target)) {
            throw new IOException("cannot rename " + temporary + " to " + target);
        }
    }

    /** Deletes {@code path} (a file, or a folder with all it holds) if it exists. */
    static void delete(String path) throws IOException {
        Path p = new Path(path);
        fs(p).delete(p, true);
    }

    static byte[] readAll(String path) throws IOException {
        try (InputStream in = open(path)) {
            return in.readAllBytes();
        }
    }

    /** The files directly in {@code folder} whose names end with {@code suffix}, by name. */
    static List<String> list(String folder, String suffix) throws IOException {
        Path p = new Path(folder);
        List<String> files = new ArrayList<>();
        for (FileStatus s : fs(p).listStatus(p)) {
            if (s.isFile() && s.getPath().getName().endsWith(suffix)) {
                files.add(s.getPath().toString());
            }
        }
        files.sort(null);
        return files;
    }

    /** The name of {@code path} without its folder. */
    static String name(String path) {
        return new Path(path).getName();
    }

    /** {@code name} inside {@code folder}. */
    static String child(String folder, String name) {
        return new Path(new Path(folder), name).toString();
    }

    private static FileSystem fs(Path p) throws IOException {
        return p.getFileSystem(new Configuration());
    }
}
