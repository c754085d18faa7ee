package dev.ddlab.fs;

/**
 * A failed filesystem call, named by its errno. {@link #getMessage()} is the C library's text ("No
 * such file or directory"); tools prefix it as they do: {@code cat: /x: No such file or directory}.
 */
public class FsException extends RuntimeException {
  public enum Errno {
    ENOENT("No such file or directory"),
    EEXIST("File exists"),
    ENOTDIR("Not a directory"),
    EISDIR("Is a directory"),
    ENOTEMPTY("Directory not empty"),
    EACCES("Permission denied"),
    EROFS("Read-only file system"),
    EINVAL("Invalid argument"),
    ELOOP("Too many levels of symbolic links"),
    ENOSPC("No space left on device"),
    ENOMEM("Cannot allocate memory"),
    EPIPE("Broken pipe"),
    ENXIO("No such device or address"),
    EBADF("Bad file descriptor");

    public final String text;

    Errno(String text) {
      this.text = text;
    }
  }

  private final Errno errno;
  private final String path;

  /**
   * An errno is an answer, not a bug: no stack trace is taken (a container shell's $PATH lookup of
   * an unknown command met one at each missing directory, and filling the trace was part of what
   * made a busy loop of unknown commands cost ~100 µs a command).
   */
  public FsException(Errno errno, String path) {
    super(errno.text, null, false, false);
    this.errno = errno;
    this.path = path;
  }

  public Errno errno() {
    return errno;
  }

  public String path() {
    return path;
  }
}
