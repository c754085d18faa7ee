package dev.ddlab.fs;

import java.util.ArrayDeque;
import java.util.Deque;

/** Lexical path handling shared by shells and filesystems (no symlink resolution). */
public final class Paths {
  private Paths() {}

  /** Resolves {@code path} against {@code cwd} and normalises ".", ".." and repeated slashes. */
  public static String resolve(String cwd, String path) {
    String joined = path.startsWith("/") ? path : (cwd.endsWith("/") ? cwd : cwd + "/") + path;
    return normalize(joined);
  }

  public static String normalize(String path) {
    if (isNormal(path)) {
      return path;
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String p : path.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(p);
      }
    }
    return "/" + String.join("/", parts);
  }

  /**
   * Whether {@code path} is already what {@link #normalize} would return: absolute, no empty, "."
   * or ".." segment, no trailing slash except for the root itself.
   */
  static boolean isNormal(String path) {
    int n = path.length();
    if (n == 0 || path.charAt(0) != '/') {
      return false;
    }
    if (n == 1) {
      return true;
    }
    int segStart = 1;
    for (int i = 1; i <= n; i++) {
      if (i == n || path.charAt(i) == '/') {
        int len = i - segStart;
        if (len == 0
            || (len == 1 && path.charAt(segStart) == '.')
            || (len == 2 && path.charAt(segStart) == '.' && path.charAt(segStart + 1) == '.')) {
          return false;
        }
        segStart = i + 1;
      }
    }
    return true;
  }

  public static String parent(String path) {
    String n = normalize(path);
    int i = n.lastIndexOf('/');
    return i <= 0 ? "/" : n.substring(0, i);
  }

  public static String name(String path) {
    String n = normalize(path);
    return n.substring(n.lastIndexOf('/') + 1);
  }
}
