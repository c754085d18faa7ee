package dev.ddlab.sim.fs;

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
