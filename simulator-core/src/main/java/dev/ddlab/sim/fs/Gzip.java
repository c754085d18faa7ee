package dev.ddlab.sim.fs;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * gzip (RFC 1952) with a fixed header: no name, no timestamp, OS byte 255 ("unknown") as Go's
 * compress/gzip writes it, so the same bytes in give the same blob (and distribution digest) out.
 */
public final class Gzip {
  private static final byte[] HEADER = {
    0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff
  };

  private Gzip() {}

  /** Wraps {@code sink}; closing the returned stream writes the trailer and closes {@code sink}. */
  public static OutputStream compress(OutputStream sink) throws IOException {
    sink.write(HEADER);
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    CRC32 crc = new CRC32();
    DeflaterOutputStream deflate =
        new DeflaterOutputStream(Streams.nonClosing(sink), deflater, 8192) {
          @Override
          public void close() throws IOException {
            finish();
            deflater.end();
          }
        };
    return new FilterOutputStream(deflate) {
      private long length;

      @Override
      public void write(int b) throws IOException {
        deflate.write(b);
        crc.update(b);
        length++;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        deflate.write(b, off, len);
        crc.update(b, off, len);
        length += len;
      }

      @Override
      public void close() throws IOException {
        deflate.close();
        writeIntLe(sink, (int) crc.getValue());
        writeIntLe(sink, (int) length);
        sink.close();
      }
    };
  }

  private static void writeIntLe(OutputStream out, int v) throws IOException {
    out.write(v & 0xff);
    out.write((v >>> 8) & 0xff);
    out.write((v >>> 16) & 0xff);
    out.write((v >>> 24) & 0xff);
  }
}
