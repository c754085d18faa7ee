package dev.ddlab.sim.shell;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A shell's variables and what scopes them: which names are exported, the positional parameters,
 * and one frame per running function call whose {@code local} names come back when it returns. The
 * {@link Interpreter} owns one and reads and writes its variables only through it.
 */
final class ShellVars {
  /**
   * One function call: the caller's positional parameters and, for each name made {@code local},
   * what it was before (null: unset) and whether it was exported.
   */
  static final class Frame {
    private final List<String> callerPositional;
    private final Map<String, String> savedValues = new HashMap<>();
    private final Map<String, Boolean> savedExport = new HashMap<>();

    private Frame(List<String> callerPositional) {
      this.callerPositional = callerPositional;
    }
  }

  /** The variables and exports as they were when a subshell began. */
  record Snapshot(Map<String, String> vars, Set<String> exported) {}

  private final Dialect dialect;
  private final Variables vars = new Variables();
  // in the order the names were first exported: ash's and dash's environment keeps it per bucket
  private final Set<String> exported = new java.util.LinkedHashSet<>();
  private List<String> positional = List.of();
  private final Deque<Frame> frames = new ArrayDeque<>();

  /** The function calls a subshell's copy began inside ({@link #nesting}). */
  private int inherited;

  /**
   * A subshell's copy of {@code parent}'s variables, exports, positional parameters and function
   * frames (a stage of a pipeline, {@link Interpreter#fork}).
   */
  ShellVars(ShellVars parent) {
    this.dialect = parent.dialect;
    this.vars.putAll(parent.vars);
    this.exported.addAll(parent.exported);
    this.positional = parent.positional;
    this.inherited = parent.frames.size();
    for (Frame f : parent.frames) {
      Frame copy = new Frame(f.callerPositional);
      copy.savedValues.putAll(f.savedValues);
      copy.savedExport.putAll(f.savedExport);
      this.frames.add(copy);
    }
  }

  /** The shell's variables at start: the process's environment, every name exported. */
  ShellVars(Dialect dialect, Map<String, String> environment) {
    this.dialect = dialect;
    environment.forEach(
        (k, v) -> {
          vars.put(k, v);
          exported.add(k);
        });
  }

  String get(String key) {
    return vars.get(key);
  }

  void put(String key, String value) {
    vars.put(key, value);
  }

  /**
   * Sets the assignments before a builtin's name ({@code IFS=: read a b}) for as long as it runs;
   * returns what the names held before (null: unset), for {@link #restoreAssigned}.
   */
  Map<String, String> assignFor(Map<String, String> assigned) {
    if (assigned.isEmpty()) {
      return Map.of();
    }
    Map<String, String> before = new LinkedHashMap<>();
    assigned.forEach(
        (k, v) -> {
          before.put(k, vars.get(k));
          vars.put(k, v);
        });
    return before;
  }

  void restoreAssigned(Map<String, String> before) {
    before.forEach(
        (k, v) -> {
          if (v == null) {
            vars.remove(k);
          } else {
            vars.put(k, v);
          }
        });
  }

  Set<String> names() {
    return vars.keySet();
  }

  void export(String key) {
    exported.add(key);
  }

  void unset(String key) {
    vars.remove(key);
    exported.remove(key);
  }

  /** The bytes the variables hold, charged to the shell's memory. */
  long bytes() {
    return vars.bytes();
  }

  /**
   * The exported variables, as a child process's environment, in the order of the shell's variable
   * table: ash's and dash's bucket by bucket, each in the order its names arrived (ash.c's {@code
   * listvars}), so that alpine's {@code sh -c env} prints HOSTNAME, SHLVL, HOME, PATH, PWD as
   * busybox does; bash's by its 1,024 buckets of FNV-1 hashes, the latest first in a bucket
   * (hashlib.c), so {@code bash -c 'env; true'} prints HOSTNAME, PWD, HOME, SHLVL, PATH as bash 5.2
   * does.
   */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    List<String> names = new java.util.ArrayList<>(exported);
    if (dialect == Dialect.BASH) {
      java.util.Collections.reverse(names); // the latest first within a bucket
      names.sort(java.util.Comparator.comparingInt(ShellVars::bashBucket)); // stable
    } else {
      names.sort(java.util.Comparator.comparingInt(ShellVars::ashBucket)); // stable
    }
    for (String k : names) {
      String v = vars.get(k);
      if (v != null) {
        env.put(k, v);
      }
    }
    return env;
  }

  /** bash's hashlib.c: the 32-bit FNV-1 hash of the name's bytes, in 1,024 buckets. */
  static int bashBucket(String name) {
    int h = 0x811c9dc5;
    for (byte b : name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      h *= 0x01000193;
      h ^= b & 0xff;
    }
    return h & 1023;
  }

  /** ash.c's {@code hashvar}: the first byte times 16 plus every byte, modulo its 39 buckets. */
  static int ashBucket(String name) {
    int h = (name.isEmpty() ? 0 : name.charAt(0) & 0xff) << 4;
    for (int i = 0; i < name.length(); i++) {
      h += name.charAt(i) & 0xff;
    }
    return h % 39;
  }

  /** The positional parameters ({@code $1} …) of the running function or script. */
  List<String> positional() {
    return positional;
  }

  void positional(List<String> args) {
    positional = List.copyOf(args);
  }

  /** How many function calls are running. */
  int depth() {
    return frames.size();
  }

  /**
   * How deeply this (sub)shell itself nests function calls: the calls a pipeline stage began inside
   * do not count, as its steps start on the run queue and not on its caller's stack.
   */
  int nesting() {
    return frames.size() - inherited;
  }

  /**
   * {@code local NAME}: the running function's own NAME until it returns, its old value and export
   * kept to be restored then. bash starts it unset; ash and dash keep the value it had.
   */
  void makeLocal(String name) {
    Frame f = frames.peek();
    if (f == null || f.savedValues.containsKey(name)) {
      return;
    }
    f.savedValues.put(name, vars.get(name));
    f.savedExport.put(name, exported.contains(name));
    if (dialect == Dialect.BASH) {
      vars.remove(name);
    }
  }

  /**
   * A function call begins: {@code args} become the positional parameters and each assignment
   * written before the function's name holds, exported, for as long as the call.
   */
  Frame enter(List<String> args, Map<String, String> assigned) {
    Frame frame = new Frame(positional);
    frames.push(frame);
    positional = List.copyOf(args);
    assigned.forEach(
        (k, v) -> {
          makeLocal(k);
          vars.put(k, v);
          exported.add(k);
        });
    return frame;
  }

  /**
   * The call of {@code frame} returns: it and every call it left running (an aborted line) give
   * back the caller's positional parameters and the values their {@code local} names had.
   */
  void leave(Frame frame) {
    while (!frames.isEmpty()) {
      Frame f = frames.pop();
      positional = f.callerPositional;
      f.savedValues.forEach(
          (k, v) -> {
            if (v == null) {
              vars.remove(k);
            } else {
              vars.put(k, v);
            }
            if (f.savedExport.get(k)) {
              exported.add(k);
            } else {
              exported.remove(k);
            }
          });
      if (f == frame) {
        return;
      }
    }
  }

  /** Leaves every function call still running (a new command line starts). */
  void leaveAll() {
    if (!frames.isEmpty()) {
      leave(frames.peekLast());
    }
  }

  Snapshot snapshot() {
    return new Snapshot(new LinkedHashMap<>(vars), new java.util.LinkedHashSet<>(exported));
  }

  /** Back to the variables and exports of {@code saved} (a subshell ends). */
  void restore(Snapshot saved) {
    vars.clear();
    vars.putAll(saved.vars());
    exported.clear();
    exported.addAll(saved.exported());
  }

  /** Everything freed (the OOM killer killed the shell). */
  void clear() {
    vars.clear();
    exported.clear();
    positional = List.of();
  }
}
