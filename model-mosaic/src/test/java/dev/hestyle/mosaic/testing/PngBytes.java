package dev.hestyle.mosaic.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes PNG files chunk by chunk, to test the decoder on every colour type and bit depth and on crafted
 * headers, without relying on an encoder's choices. Scanlines use filter type 0 (none).
 */
public final class PngBytes {
    public static final int GREY = 0;
    public static final int RGB = 2;
    public static final int PALETTE = 3;
    public static final int GREY_ALPHA = 4;
    public static final int RGBA = 6;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public PngBytes() {
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    }

    /** The IHDR chunk; dimensions are written as given, unchecked. */
    public PngBytes header(long width, long height, int bitDepth, int colourType) {
        byte[] d = new byte[13];
        be32(d, 0, width);
        be32(d, 4, height);
        d[8] = (byte) bitDepth;
        d[9] = (byte) colourType;
        return chunk("IHDR", d);
    }

    /** PLTE from 0xRRGGBB entries. */
    public PngBytes palette(int... rgb) {
        byte[] d = new byte[rgb.length * 3];
        for (int i = 0; i < rgb.length; i++) {
            d[3 * i] = (byte) (rgb[i] >> 16);
            d[3 * i + 1] = (byte) (rgb[i] >> 8);
            d[3 * i + 2] = (byte) rgb[i];
        }
        return chunk("PLTE", d);
    }

    /** gAMA with the given gamma times 100000 (a decoder that applied it would change the samples). */
    public PngBytes gamma(int gammaTimes100000) {
        byte[] d = new byte[4];
        be32(d, 0, gammaTimes100000);
        return chunk("gAMA", d);
    }

    /**
     * IDAT holding {@code rows}: each row is the samples of one scanline (8-bit samples as they are, 16-bit as
     * big-endian pairs, sub-byte samples already packed), without the filter byte, which is added here.
     */
    public PngBytes data(byte[][] rows) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (byte[] row : rows) {
            raw.write(0);
            raw.writeBytes(row);
        }
        Deflater z = new Deflater();
        z.setInput(raw.toByteArray());
        z.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!z.finished()) {
            compressed.write(buf, 0, z.deflate(buf));
        }
        z.end();
        return chunk("IDAT", compressed.toByteArray());
    }

    public PngBytes end() {
        return chunk("IEND", new byte[0]);
    }

    public PngBytes chunk(String type, byte[] data) {
        byte[] len = new byte[4];
        be32(len, 0, data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        byte[] c = new byte[4];
        be32(c, 0, crc.getValue());
        out.writeBytes(len);
        out.writeBytes(t);
        out.writeBytes(data);
        out.writeBytes(c);
        return this;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    private static void be32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (24 - 8 * i));
        }
    }
}
