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
    EPIPE("Broken pipe");

    public final String text;

    Errno(String text) {
      this.text = text;
    }
  }

  private final Errno errno;
  private final String path;

  public FsException(Errno errno, String path) {
    super(errno.text);
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
