package dev.ddlab.sim.fs;

import dev.ddlab.fs.Content;
import dev.ddlab.fs.Entry;
import dev.ddlab.fs.FileNode;
import dev.ddlab.fs.GoBinary;
import dev.ddlab.fs.Paths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Layers as tar archives, the way image layers travel: entries sorted by tar name, uid/gid and
 * mtimes from the entries (fixed for catalogue layers), no user names, POSIX (PAX) headers for long
 * names. Whiteouts become {@code .wh.<name>} files and opaque directories get a {@code
 * .wh..wh..opq} entry. Reading does the reverse, so a layer round-trips.
 */
public final class TarCodec {
  public static final String WHITEOUT_PREFIX = ".wh.";
  public static final String OPAQUE = ".wh..wh..opq";

  private TarCodec() {}

  /** Writes the layer as an uncompressed tar; does not close {@code out}. */
  public static void write(Layer layer, OutputStream out) {
    try {
      TarArchiveOutputStream tar = writer(out);
      TreeMap<String, Object[]> items = new TreeMap<>(); // tar name -> {entry, content}
      for (Map.Entry<String, Entry> me : layer.entries().entrySet()) {
        String name = me.getKey().substring(1);
        Entry e = me.getValue();
        if (e.whiteout()) {
          String parent = Paths.parent(me.getKey());
          String wh = (parent.equals("/") ? "" : parent.substring(1) + "/");
          Entry dir = layer.get(parent);
          long mtime = dir != null && dir.node() != null ? dir.node().mtimeNanos() : 0;
          String whName = wh + WHITEOUT_PREFIX + Paths.name(me.getKey());
          items.put(whName, new Object[] {fileHeader(whName, 0644, 0, 0, mtime), null});
          continue;
        }
        FileNode n = e.node();
        switch (n.kind()) {
          case DIRECTORY -> {
            TarArchiveEntry t = dirHeader(name + "/", n.mode(), n.uid(), n.gid(), n.mtimeNanos());
            items.put(name + "/", new Object[] {t, null});
            if (e.opaque()) {
              String opq = name + "/" + OPAQUE;
              items.put(opq, new Object[] {fileHeader(opq, 0644, 0, 0, n.mtimeNanos()), null});
            }
          }
          case SYMLINK -> {
            TarArchiveEntry t =
                header(
                    name,
                    TarConstants.LF_SYMLINK,
                    0120000,
                    n.mode(),
                    n.uid(),
                    n.gid(),
                    n.mtimeNanos());
            t.setLinkName(n.linkTarget());
            items.put(name, new Object[] {t, null});
          }
          case FILE -> {
            TarArchiveEntry t = fileHeader(name, n.mode(), n.uid(), n.gid(), n.mtimeNanos());
            t.setSize(e.content().size());
            items.put(name, new Object[] {t, e.content()});
          }
        }
      }
      for (Object[] item : items.values()) {
        put(tar, (TarArchiveEntry) item[0], (Content) item[1]);
      }
      tar.finish();
      tar.flush();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /**
   * Reads a layer tar (uncompressed) into a layer; file bytes are kept in memory, and executables
   * that are not text are marked with their file name as the simulated program (hard links copy
   * their target, so a busybox applet runs "busybox"). An executable text file (an entrypoint
   * script from a build context) is a script, as the kernel sees it.
   */
  public static Layer read(InputStream in) throws IOException {
    TreeMap<String, Entry> entries = new TreeMap<>();
    TarArchiveInputStream tar = new TarArchiveInputStream(in);
    TarArchiveEntry t;
    while ((t = tar.getNextEntry()) != null) {
      String path = Paths.normalize("/" + t.getName());
      if (path.equals("/")) {
        continue;
      }
      String base = Paths.name(path);
      String parent = Paths.parent(path);
      long mtime = t.getModTime().getTime() / 1000 * 1_000_000_000L;
      int mode = t.getMode() & 07777;
      if (base.equals(OPAQUE)) {
        Entry dir = entries.get(parent);
        entries.put(
            parent, (dir != null && dir.isDirectory() ? dir : Entry.dir(0755, mtime)).asOpaque());
      } else if (base.startsWith(WHITEOUT_PREFIX)) {
        String target = Paths.resolve(parent, base.substring(WHITEOUT_PREFIX.length()));
        entries.put(target, Entry.newWhiteout());
      } else if (t.isDirectory()) {
        Entry old = entries.get(path);
        Entry dir = Entry.dir(mode, mtime, (int) t.getLongUserId(), (int) t.getLongGroupId());
        entries.put(path, old != null && old.opaque() ? dir.asOpaque() : dir);
      } else if (t.isSymbolicLink()) {
        entries.put(path, Entry.symlink(t.getLinkName(), mtime));
      } else if (t.isLink()) {
        Entry target = entries.get(Paths.normalize("/" + t.getLinkName()));
        if (target != null && target.isFile()) {
          entries.put(path, target);
        }
      } else if (t.isFile()) {
        byte[] data = tar.readAllBytes();
        String program = program(data, mode, base);
        entries.put(
            path,
            Entry.file(
                mode,
                Content.of(data),
                program,
                mtime,
                (int) t.getLongUserId(),
                (int) t.getLongGroupId()));
      }
    }
    return Layer.of(entries);
  }

  /**
   * The simulated program a file read from a tar runs, or null: a real executable runs the program
   * of its own name (busybox, sleep, nginx), a Go binary the simulator linked its own program
   * ({@link GoBinary}, whatever the file is called); a script is text, run by its #! interpreter
   * or, without one, by a shell (ENOEXEC), and a file without x bits runs nothing.
   */
  public static String program(byte[] data, int mode, String name) {
    if ((mode & 0111) == 0 || text(data)) {
      return null;
    }
    return GoBinary.is(data) ? GoBinary.PROGRAM : name;
  }

  /**
   * Whether a file is text as far as exec(2) cares: it starts with {@code #!}, or its first 512
   * bytes hold no control character but tab, newline, carriage return and escape (an ELF binary,
   * and the simulator's pseudo-random stand-ins for binaries, hold NULs and control bytes at once).
   */
  static boolean text(byte[] data) {
    if (data.length >= 2 && data[0] == '#' && data[1] == '!') {
      return true;
    }
    for (int i = 0; i < Math.min(data.length, 512); i++) {
      int b = data[i] & 0xff;
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != 0x1b || b == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** DiffID and size of the uncompressed tar, digest and size of its gzip blob, in one pass. */
  public static LayerDigest digest(Layer layer) {
    Digests.Sink raw = new Digests.Sink();
    Digests.Sink compressed = new Digests.Sink();
    try (OutputStream gz = Gzip.compress(compressed)) {
      write(layer, tee(raw, gz));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new LayerDigest(raw.digest(), raw.count(), compressed.digest(), compressed.count());
  }

  /** Identities of one layer: DiffID (uncompressed tar) and distribution digest (gzip blob). */
  public record LayerDigest(String diffId, long tarSize, String blobDigest, long blobSize) {}

  /**
   * A tar writer as layers and image archives are written: 512-byte records, so the archive ends
   * with two zero blocks and no further padding, as Go's archive/tar writes it (an empty layer is
   * then the well-known 1024 zero bytes); PAX headers for long names and big numbers. Finishing it
   * does not close {@code out}.
   */
  public static TarArchiveOutputStream writer(OutputStream out) {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(Streams.nonClosing(out), 512);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    return tar;
  }

  /** A regular file's header (size still to set). */
  public static TarArchiveEntry fileHeader(String name, int mode, int uid, int gid, long mtime) {
    return header(name, TarConstants.LF_NORMAL, 0100000, mode, uid, gid, mtime);
  }

  /** A directory's header ({@code name} ends with "/"). */
  public static TarArchiveEntry dirHeader(String name, int mode, int uid, int gid, long mtime) {
    return header(name, TarConstants.LF_DIR, 040000, mode, uid, gid, mtime);
  }

  /** A header without user or group names and with the time in whole seconds. */
  private static TarArchiveEntry header(
      String name, byte linkFlag, int type, int mode, int uid, int gid, long mtimeNanos) {
    TarArchiveEntry t = new TarArchiveEntry(name, linkFlag, false);
    t.setMode(type | mode);
    t.setIds(uid, gid);
    t.setNames("", "");
    t.setModTime(mtimeNanos / 1_000_000_000L * 1000L);
    return t;
  }

  private static void put(TarArchiveOutputStream tar, TarArchiveEntry t, Content c)
      throws IOException {
    tar.putArchiveEntry(t);
    if (c != null) {
      c.writeTo(tar);
    }
    tar.closeArchiveEntry();
  }

  private static OutputStream tee(OutputStream a, OutputStream b) {
    return new OutputStream() {
      @Override
      public void write(int x) throws IOException {
        a.write(x);
        b.write(x);
      }

      @Override
      public void write(byte[] buf, int off, int len) throws IOException {
        a.write(buf, off, len);
        b.write(buf, off, len);
      }
    };
  }
}
