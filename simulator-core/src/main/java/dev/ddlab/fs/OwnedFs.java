package dev.ddlab.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A filesystem as a user's processes change it: what they create is theirs ({@code uid:gid}) with
 * the mode their umask leaves (files {@code 0666 & ~umask}, directories {@code 0777 & ~umask}, a
 * copy its source's mode {@code & ~umask}, as cp without -p makes it). The node's host files as its
 * user {@code ubuntu} (1000:1000, umask 002 from pam_umask's usergroups rule on Ubuntu) types at
 * its shell, edits or uploads: {@code touch f; ls -l f} is {@code -rw-rw-r-- 1 ubuntu ubuntu}. What
 * the daemon writes there (volumes, its own files) goes to the filesystem itself, as root.
 */
public final class OwnedFs implements FileSystem {
  private final AbstractFs fs;
  private final int uid;
  private final int gid;
  private final int umask;

  public OwnedFs(AbstractFs fs, int uid, int gid, int umask) {
    this.fs = fs;
    this.uid = uid;
    this.gid = gid;
    this.umask = umask;
  }

  /** What this view changes underneath. */
  public AbstractFs inner() {
    return fs;
  }

  private void own(String path, int mode) {
    fs.chmod(path, mode & ~umask);
    fs.chown(path, uid, gid);
  }

  @Override
  public Optional<FileNode> stat(String path) {
    return fs.stat(path);
  }

  @Override
  public Optional<FileNode> lstat(String path) {
    return fs.lstat(path);
  }

  @Override
  public boolean exists(String path) {
    return fs.exists(path);
  }

  @Override
  public boolean isDirectory(String path) {
    return fs.isDirectory(path);
  }

  @Override
  public byte[] read(String path) {
    return fs.read(path);
  }

  @Override
  public byte[] read(String path, long max) {
    return fs.read(path, max);
  }

  @Override
  public void write(String path, byte[] data, boolean append) {
    boolean fresh = fs.stat(path).isEmpty();
    fs.write(path, data, append);
    if (fresh) {
      own(path, 0666);
    }
  }

  @Override
  public void mkdir(String path, boolean parents) {
    List<String> made = new ArrayList<>();
    String p = Paths.normalize(path);
    while (!p.equals("/") && fs.lstat(p).isEmpty()) {
      made.add(0, p);
      if (!parents) {
        break;
      }
      p = Paths.parent(p);
    }
    fs.mkdir(path, parents);
    for (String d : made) {
      own(d, 0777);
    }
  }

  @Override
  public void remove(String path, boolean recursive) {
    fs.remove(path, recursive);
  }

  @Override
  public List<String> list(String directory) {
    return fs.list(directory);
  }

  @Override
  public void symlink(String target, String linkPath) {
    fs.symlink(target, linkPath);
    fs.chown(linkPath, uid, gid);
  }

  @Override
  public void copyFile(String from, String to) {
    boolean fresh = fs.stat(to).isEmpty();
    fs.copyFile(from, to);
    if (fresh) {
      own(to, fs.stat(from).map(FileNode::mode).orElse(0666));
    }
  }

  @Override
  public void rename(String from, String to) {
    fs.rename(from, to);
  }

  @Override
  public void chmod(String path, int mode) {
    fs.chmod(path, mode);
  }

  @Override
  public void install(String path, Entry entry) {
    fs.install(path, entry);
  }

  @Override
  public boolean readOnly() {
    return fs.readOnly();
  }
}
