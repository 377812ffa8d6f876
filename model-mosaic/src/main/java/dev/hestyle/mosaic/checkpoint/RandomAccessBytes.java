package dev.hestyle.mosaic.checkpoint;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Bytes read at any position: a file (read as needed, never all at once) or an array already in memory. */
abstract class RandomAccessBytes implements Closeable {
    /** The number of bytes. */
    abstract long size() throws IOException;

    /** Fills {@code b[off, off + len)} from position {@code pos}; an {@link EOFException} if the bytes end first. */
    abstract void readFully(long pos, byte[] b, int off, int len) throws IOException;

    /** {@code len} bytes from {@code pos}. */
    final byte[] readFully(long pos, int len) throws IOException {
        byte[] b = new byte[len];
        readFully(pos, b, 0, len);
        return b;
    }

    @Override
    public void close() throws IOException {
    }

    static RandomAccessBytes of(byte[] bytes) {
        return new RandomAccessBytes() {
            @Override
            long size() {
                return bytes.length;
            }

            @Override
            void readFully(long pos, byte[] b, int off, int len) throws IOException {
                if (pos < 0 || pos > bytes.length - (long) len) {
                    throw new EOFException("read of " + len + " bytes at " + pos + " past the end of " + bytes.length + " bytes");
                }
                System.arraycopy(bytes, (int) pos, b, off, len);
            }
        };
    }

    static RandomAccessBytes open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        return new RandomAccessBytes() {
            @Override
            long size() throws IOException {
                return channel.size();
            }

            @Override
            void readFully(long pos, byte[] b, int off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    if (channel.read(buf, pos + buf.position() - off) < 0) {
                        throw new EOFException("file ends before byte " + (pos + len));
                    }
                }
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
