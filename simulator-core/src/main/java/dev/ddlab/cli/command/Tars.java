package dev.ddlab.cli.command;

import dev.ddlab.fs.FileNode;
import dev.ddlab.fs.FileSystem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The tar streams of {@code docker cp} (GET/PUT /containers/{id}/archive): a POSIX ustar writer and
 * reader over the host filesystem, enough for files, directories and symlinks.
 */
final class Tars {
  private Tars() {}

  record Entry(String name, char type, int mode, byte[] data, String link) {}

  /** A tar of the file or directory at path, its root entry named rootName. */
  static byte[] create(FileSystem fs, String path, String rootName) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    add(out, fs, path, rootName);
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  /**
   * A build context: the files under {@code dir}, named relative to it, without those {@code
   * excluded} says (by relative path), and {@code extra} files added at the top.
   */
  static byte[] context(
      FileSystem fs,
      String dir,
      java.util.function.Predicate<String> excluded,
      java.util.Map<String, byte[]> extra) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String child : fs.list(dir)) {
      addContext(out, fs, (dir.equals("/") ? "" : dir) + "/" + child, child, excluded);
    }
    extra.forEach(
        (name, data) -> {
          header(out, name, '0', 0644, data.length, "", 0);
          out.writeBytes(data);
          out.writeBytes(new byte[(512 - data.length % 512) % 512]);
        });
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static void addContext(
      ByteArrayOutputStream out,
      FileSystem fs,
      String path,
      String rel,
      java.util.function.Predicate<String> excluded) {
    FileNode n = fs.lstat(path).orElseThrow();
    if (n.isDirectory()) {
      if (!excluded.test(rel)) {
        header(out, rel + "/", '5', n.mode(), 0, "", n.mtimeNanos());
      }
      for (String child : fs.list(path)) {
        addContext(out, fs, path + "/" + child, rel + "/" + child, excluded);
      }
      return;
    }
    if (excluded.test(rel)) {
      return;
    }
    if (n.isSymlink()) {
      header(out, rel, '2', n.mode(), 0, n.linkTarget(), n.mtimeNanos());
    } else {
      byte[] data = fs.read(path);
      header(out, rel, '0', n.mode(), data.length, "", n.mtimeNanos());
      out.writeBytes(data);
      out.writeBytes(new byte[(512 - data.length % 512) % 512]);
    }
  }

  private static void add(ByteArrayOutputStream out, FileSystem fs, String path, String name) {
    FileNode n = fs.lstat(path).orElseThrow();
    if (n.isDirectory()) {
      header(out, name + "/", '5', n.mode(), 0, "", n.mtimeNanos());
      for (String child : fs.list(path)) {
        add(out, fs, path.equals("/") ? "/" + child : path + "/" + child, name + "/" + child);
      }
    } else if (n.isSymlink()) {
      header(out, name, '2', n.mode(), 0, n.linkTarget(), n.mtimeNanos());
    } else {
      byte[] data = fs.read(path);
      header(out, name, '0', n.mode(), data.length, "", n.mtimeNanos());
      out.writeBytes(data);
      int pad = (512 - data.length % 512) % 512;
      out.writeBytes(new byte[pad]);
    }
  }

  private static void header(
      ByteArrayOutputStream out,
      String name,
      char type,
      int mode,
      long size,
      String link,
      long mtimeNanos) {
    byte[] h = new byte[512];
    put(h, 0, 100, name);
    put(h, 100, 8, String.format("%07o", mode & 07777));
    put(h, 108, 8, "0000000");
    put(h, 116, 8, "0000000");
    put(h, 124, 12, String.format("%011o", size));
    put(h, 136, 12, String.format("%011o", Math.max(0, mtimeNanos / 1_000_000_000L)));
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    h[156] = (byte) type;
    put(h, 157, 100, link);
    put(h, 257, 6, "ustar");
    put(h, 263, 2, "00");
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, 8, String.format("%06o", sum) + "\0 ");
    out.writeBytes(h);
  }

  private static void put(byte[] h, int off, int len, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, off, Math.min(len, b.length));
  }

  static List<Entry> read(byte[] tar) {
    List<Entry> entries = new ArrayList<>();
    int pos = 0;
    while (pos + 512 <= tar.length) {
      if (tar[pos] == 0) {
        break;
      }
      String name = str(tar, pos, 100);
      String prefix = str(tar, pos + 345, 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
      int mode = (int) octal(tar, pos + 100, 8);
      long size = octal(tar, pos + 124, 12);
      char type = tar[pos + 156] == 0 ? '0' : (char) tar[pos + 156];
      String link = str(tar, pos + 157, 100);
      pos += 512;
      byte[] data = new byte[(int) size];
      System.arraycopy(tar, pos, data, 0, (int) size);
      pos += (int) ((size + 511) / 512 * 512);
      entries.add(new Entry(name, type, mode, data, link));
    }
    return entries;
  }

  private static String str(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] b, int off, int len) {
    String s = str(b, off, len).trim();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }

  /** Whether the tar's first entry is a directory. */
  static boolean rootIsDirectory(byte[] tar) {
    List<Entry> e = read(tar);
    return !e.isEmpty() && e.get(0).type() == '5';
  }

  /**
   * Extracts like docker cp: into target/rootName when target is an existing directory, else as
   * target itself.
   */
  static void extract(byte[] tar, FileSystem fs, String target, String rootName) {
    List<Entry> entries = read(tar);
    if (entries.isEmpty()) {
      return;
    }
    String root = entries.get(0).name().replaceAll("/+$", "");
    String base = fs.isDirectory(target) ? (target.equals("/") ? "" : target) + "/" + root : target;
    for (Entry e : entries) {
      String rel = e.name().replaceAll("/+$", "");
      String path = rel.equals(root) ? base : base + rel.substring(root.length());
      switch (e.type()) {
        case '5' -> fs.mkdir(path, true);
        case '2' -> {
          if (fs.lstat(path).isPresent()) {
            fs.remove(path, true);
          }
          fs.symlink(e.link(), path);
        }
        default -> {
          fs.write(path, e.data(), false);
          fs.chmod(path, e.mode());
        }
      }
    }
  }
}
