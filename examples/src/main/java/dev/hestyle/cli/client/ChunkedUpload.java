package dev.hestyle.cli.client;

import dev.hestyle.spi.ProgressListener;
import java.io.OutputStream;

/**
 * An output stream that sends what is written to a key upload, one chunk per {@code chunkSize} bytes,
 * so that keys of any size are streamed without a copy in memory. {@link #close()} sends the last chunk.
 */
final class ChunkedUpload extends OutputStream {
    private final ServerApi api;
    private final String upload;
    private final byte[] buffer;
    private final long total;
    private final ProgressListener progress;
    private int filled;
    private int index;
    private long sent;

    ChunkedUpload(ServerApi api, String upload, int chunkSize, long total, ProgressListener progress) {
        this.api = api;
        this.upload = upload;
        this.buffer = new byte[chunkSize];
        this.total = total;
        this.progress = progress;
    }

    @Override
    public void write(int b) {
        buffer[filled++] = (byte) b;
        if (filled == buffer.length) {
            flushChunk();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        while (len > 0) {
            int n = Math.min(len, buffer.length - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == buffer.length) {
                flushChunk();
            }
        }
    }

    private void flushChunk() {
        api.putChunk(upload, index++, buffer, filled);
        sent += filled;
        filled = 0;
        progress.onProgress("upload", sent, Math.max(total, sent));
    }

    @Override
    public void close() {
        if (filled > 0 || index == 0) {
            flushChunk();
        }
    }
}
