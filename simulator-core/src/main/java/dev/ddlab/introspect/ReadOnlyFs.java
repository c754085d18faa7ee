package dev.ddlab.introspect;

import dev.ddlab.fs.FileNode;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import java.util.List;
import java.util.Optional;

/** A filesystem seen through a view: reads pass through, every write fails with EROFS. */
public final class ReadOnlyFs implements FileSystem {
  private final FileSystem inner;

  private ReadOnlyFs(FileSystem inner) {
    this.inner = inner;
  }

  /** The read-only view of {@code fs} (itself when it already is one). */
  public static FileSystem of(FileSystem fs) {
    return fs instanceof ReadOnlyFs ? fs : new ReadOnlyFs(fs);
  }

  @Override
  public Optional<FileNode> stat(String path) {
    return inner.stat(path);
  }

  @Override
  public Optional<FileNode> lstat(String path) {
    return inner.lstat(path);
  }

  @Override
  public byte[] read(String path) {
    return inner.read(path);
  }

  @Override
  public List<String> list(String directory) {
    return inner.list(directory);
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  private static FsException refused(String path) {
    return new FsException(FsException.Errno.EROFS, path);
  }

  @Override
  public void write(String path, byte[] data, boolean append) {
    throw refused(path);
  }

  @Override
  public void mkdir(String path, boolean parents) {
    throw refused(path);
  }

  @Override
  public void remove(String path, boolean recursive) {
    throw refused(path);
  }

  @Override
  public void symlink(String target, String linkPath) {
    throw refused(linkPath);
  }

  @Override
  public void rename(String from, String to) {
    throw refused(to);
  }

  @Override
  public void chmod(String path, int mode) {
    throw refused(path);
  }
}
