package dev.ddlab.fs;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** /etc/passwd and /etc/group as getpwuid(3) and getgrgid(3) read them: id → name. */
public final class UserDb {
  private UserDb() {}

  /** The names by numeric id in {@code file} of {@code fs}; root (0) is always known. */
  public static Map<Integer, String> names(FileSystem fs, String file) {
    Map<Integer, String> m = new HashMap<>();
    try {
      for (String line : new String(fs.read(file), StandardCharsets.UTF_8).split("\n")) {
        String[] f = line.split(":");
        if (f.length >= 3) {
          try {
            m.putIfAbsent(Integer.parseInt(f[2]), f[0]);
          } catch (NumberFormatException e) {
            // skip malformed lines
          }
        }
      }
    } catch (FsException e) {
      // no such file: numeric ids
    }
    m.putIfAbsent(0, "root");
    return m;
  }

  /** The uid of a user name (or a numeric user), -1 when {@code file} does not know it. */
  public static int uid(FileSystem fs, String user) {
    if (user.matches("\\d{1,9}")) {
      return Integer.parseInt(user);
    }
    for (Map.Entry<Integer, String> e : names(fs, "/etc/passwd").entrySet()) {
      if (e.getValue().equals(user)) {
        return e.getKey();
      }
    }
    return -1;
  }
}
