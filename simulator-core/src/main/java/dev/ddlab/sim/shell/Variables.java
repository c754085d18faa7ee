package dev.ddlab.sim.shell;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A shell's variables, keeping count of the bytes they hold (names and values, one byte a
 * character, plus a small overhead each) so the shell can charge them to its cgroup's memory.
 */
final class Variables extends LinkedHashMap<String, String> {
  /** What a variable costs beyond its text (bash's SHELL_VAR and hash entry are about this). */
  static final int OVERHEAD = 48;

  private long bytes;

  private static long size(Object key, String value) {
    return value == null ? 0 : ((String) key).length() + value.length() + OVERHEAD;
  }

  /** The bytes the variables hold. */
  long bytes() {
    return bytes;
  }

  @Override
  public String put(String key, String value) {
    String old = super.put(key, value);
    bytes += size(key, value) - size(key, old);
    return old;
  }

  @Override
  public void putAll(Map<? extends String, ? extends String> m) {
    m.forEach(this::put);
  }

  @Override
  public String remove(Object key) {
    String old = super.remove(key);
    bytes -= size(key, old);
    return old;
  }

  @Override
  public void clear() {
    super.clear();
    bytes = 0;
  }
}
