package dev.ddlab.sim.shell;

import dev.ddlab.fs.AbstractFs;
import dev.ddlab.fs.Content;
import dev.ddlab.fs.Entry;
import dev.ddlab.fs.FileNode;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.OwnedFs;
import dev.ddlab.fs.Paths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * /etc/passwd, /etc/group and /etc/shadow as the programs that add users change them (busybox's
 * update_passwd, shadow-utils' commonio): read as {@code name:…} lines, written whole after the old
 * file is kept as {@code FILE-} with its mode, a missing shadow file left alone. Shared by {@link
 * BusyboxAccounts}, {@link ShadowAccounts} and {@link UsermodCommand}.
 */
final class AccountFiles {
  static final String PASSWD = "/etc/passwd";
  static final String GROUP = "/etc/group";
  static final String SHADOW = "/etc/shadow";

  private AccountFiles() {}

  /** The lines of {@code file}, each split at ':' (trailing empty fields kept); none if absent. */
  static List<String[]> entries(FileSystem fs, String file) {
    List<String[]> out = new ArrayList<>();
    String text;
    try {
      text = new String(fs.read(file), StandardCharsets.UTF_8);
    } catch (FsException missing) {
      return out;
    }
    for (String line : text.split("\n")) {
      if (!line.isEmpty()) {
        out.add(line.split(":", -1));
      }
    }
    return out;
  }

  /** The entry of {@code file} whose first field is {@code name}, or null. */
  static String[] byName(FileSystem fs, String file, String name) {
    for (String[] f : entries(fs, file)) {
      if (f[0].equals(name)) {
        return f;
      }
    }
    return null;
  }

  /** The first entry of {@code file} whose third field (uid or gid) is {@code id}, or null. */
  static String[] byId(FileSystem fs, String file, long id) {
    for (String[] f : entries(fs, file)) {
      if (f.length > 2 && f[2].equals(String.valueOf(id))) {
        return f;
      }
    }
    return null;
  }

  /** A group given by name or number, as getgrnam then getgrgid find it; null when unknown. */
  static String[] group(FileSystem fs, String nameOrId) {
    String[] g = byName(fs, GROUP, nameOrId);
    if (g == null && !nameOrId.isEmpty() && nameOrId.chars().allMatch(Character::isDigit)) {
      g = byId(fs, GROUP, Long.parseLong(nameOrId));
    }
    return g;
  }

  /** Whether {@code file} exists (a missing /etc/shadow is not an error: nothing is written). */
  static boolean exists(FileSystem fs, String file) {
    return fs.exists(file);
  }

  /** Appends {@code line} to {@code file} (see {@link #rewrite}). */
  static void append(FileSystem fs, String file, String line) {
    List<String> lines = lines(fs, file);
    lines.add(line);
    rewrite(fs, file, lines);
  }

  /** The raw lines of {@code file}. */
  static List<String> lines(FileSystem fs, String file) {
    List<String> lines = new ArrayList<>();
    for (String[] f : entries(fs, file)) {
      lines.add(String.join(":", f));
    }
    return lines;
  }

  /**
   * Writes {@code lines} as {@code file}, after keeping the old one as {@code file-} with its mode
   * (busybox links it, commonio copies it).
   */
  static void rewrite(FileSystem fs, String file, List<String> lines) {
    Optional<FileNode> old = fs.stat(file);
    if (old.isPresent()) {
      fs.write(file + "-", fs.read(file), false);
      fs.chmod(file + "-", old.get().mode());
    }
    StringBuilder sb = new StringBuilder();
    lines.forEach(l -> sb.append(l).append('\n'));
    fs.write(file, sb.toString().getBytes(StandardCharsets.UTF_8), false);
  }

  /**
   * Adds {@code member} to the member list (the last field) of group {@code group}; false when the
   * group has no line.
   */
  static boolean addMember(FileSystem fs, String group, String member) {
    List<String> lines = lines(fs, GROUP);
    boolean found = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith(group + ":")) {
        lines.set(i, line + (line.endsWith(":") ? "" : ",") + member);
        found = true;
      }
    }
    if (found) {
      rewrite(fs, GROUP, lines);
    }
    return found;
  }

  /** Whether {@code member} is listed in group entry {@code g}. */
  static boolean isMember(String[] g, String member) {
    return g.length > 3 && List.of(g[3].split(",")).contains(member);
  }

  /** Days since the epoch on the virtual clock (a shadow entry's last change). */
  static long today(ToolContext c) {
    return c.clock().now().getEpochSecond() / (24 * 60 * 60);
  }

  /**
   * chown of a file or directory: the filesystem's own where it has one, else the same node
   * installed again with the new owner (a container's root with its mounts routes it).
   */
  static void chown(FileSystem fs, String path, int uid, int gid) {
    if (fs instanceof AbstractFs a) {
      a.chown(path, uid, gid);
      return;
    }
    if (fs instanceof OwnedFs o) {
      o.inner().chown(path, uid, gid);
      return;
    }
    Optional<FileNode> n = fs.lstat(path);
    if (n.isEmpty() || n.get().isSymlink()) {
      return;
    }
    FileNode f = n.get();
    if (f.isDirectory()) {
      fs.install(path, Entry.dir(f.mode(), f.mtimeNanos(), uid, gid));
    } else {
      fs.install(
          path,
          Entry.file(f.mode(), Content.of(fs.read(path)), f.program(), f.mtimeNanos(), uid, gid));
    }
  }

  /**
   * Copies the skeleton directory {@code skel} into the new home {@code home} (files and
   * directories, each then owned by {@code uid:gid}); nothing when there is no skeleton.
   */
  static void copySkel(FileSystem fs, String skel, String home, int uid, int gid) {
    if (!fs.isDirectory(skel)) {
      return;
    }
    for (String name : fs.list(skel)) {
      String from = Paths.resolve(skel, name);
      String to = Paths.resolve(home, name);
      Optional<FileNode> n = fs.lstat(from);
      if (n.isEmpty()) {
        continue;
      }
      if (n.get().isDirectory()) {
        fs.mkdir(to, false);
        fs.chmod(to, n.get().mode());
        copySkel(fs, from, to, uid, gid);
      } else if (n.get().isSymlink()) {
        fs.symlink(n.get().linkTarget(), to);
      } else {
        fs.write(to, fs.read(from), false);
        fs.chmod(to, n.get().mode());
      }
      chown(fs, to, uid, gid);
    }
  }
}
