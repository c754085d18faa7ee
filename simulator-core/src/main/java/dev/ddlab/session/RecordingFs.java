package dev.ddlab.session;

import dev.ddlab.fs.Entry;
import dev.ddlab.fs.FileNode;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.session.Input.Kind;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A node's host files as {@link RecordingSession} hands them out (the playground's editor and
 * uploads): every change is recorded as an {@link Input} once it succeeded; reads pass through.
 */
final class RecordingFs implements FileSystem {
  private final FileSystem fs;
  private final String node;
  private final LongSupplier now;
  private final Consumer<Input> record;

  RecordingFs(FileSystem fs, String node, LongSupplier now, Consumer<Input> record) {
    this.fs = fs;
    this.node = node;
    this.now = now;
    this.record = record;
  }

  private void change(Kind kind, Runnable apply, byte[] data, String... args) {
    long at = now.getAsLong();
    apply.run();
    record.accept(new Input(at, kind, node, List.of(args), data));
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
  public List<String> list(String directory) {
    return fs.list(directory);
  }

  @Override
  public boolean readOnly() {
    return fs.readOnly();
  }

  @Override
  public void write(String path, byte[] data, boolean append) {
    change(
        Kind.WRITE, () -> fs.write(path, data, append), data, path, append ? "append" : "replace");
  }

  @Override
  public void mkdir(String path, boolean parents) {
    change(Kind.MKDIR, () -> fs.mkdir(path, parents), null, path, parents ? "parents" : "");
  }

  @Override
  public void remove(String path, boolean recursive) {
    change(Kind.REMOVE, () -> fs.remove(path, recursive), null, path, recursive ? "recursive" : "");
  }

  @Override
  public void symlink(String target, String linkPath) {
    change(Kind.SYMLINK, () -> fs.symlink(target, linkPath), null, target, linkPath);
  }

  @Override
  public void copyFile(String from, String to) {
    change(Kind.COPY, () -> fs.copyFile(from, to), null, from, to);
  }

  @Override
  public void rename(String from, String to) {
    change(Kind.RENAME, () -> fs.rename(from, to), null, from, to);
  }

  @Override
  public void chmod(String path, int mode) {
    change(Kind.CHMOD, () -> fs.chmod(path, mode), null, path, Integer.toString(mode));
  }

  /** Refused as a read-only filesystem refuses it: an entry object cannot be recorded. */
  @Override
  public void install(String path, Entry entry) {
    throw new FsException(FsException.Errno.EROFS, path);
  }
}
