package dev.ddlab.sim.shell;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What {@code exec} without a command made of one (sub)shell's open files, for the rest of it: its
 * standard input, output and error ({@code exec >log 2>&1}, {@code exec </etc/passwd}) and its
 * descriptors 3 to 9 ({@code exec 3>file; echo hi >&3; exec 3>&-}), as bash 5.2, dash 0.5.12 and
 * busybox ash keep them in the shell's own fd table.
 *
 * <p>A command is handed its streams in an {@link Io}, passed down a list by value; the streams a
 * scope hands its commands are the keys here. {@code exec >log} at the top of a script maps the
 * terminal's output to the file, so every later command handed the terminal writes to the file
 * (programs and builtins alike, and a pipeline's last stage); inside {@code { …; } >other} it maps
 * {@code other}'s sink, which nothing is handed after the group, as bash restores fd 1 there; a
 * function or a group without a redirection hands its body the same streams, so an {@code exec} in
 * them lasts after them, as in the shells. A subshell, a pipeline's stage and a background job work
 * on a copy ({@link Interpreter#fork}, {@link Interpreter#save}).
 *
 * <p>Descriptors 3 to 9 are the shell's: {@code cmd 3>file} sets one for the command's time ({@link
 * Redirections#restoring}), {@code exec 3>file} for good. A value is an output ({@code
 * Consumer<String>}) or an input ({@link Stdin}, or {@link #TERMINAL} for the terminal's).
 */
final class Fds {
  /** The terminal's input (a null {@link Io#in()}), as a key and as a descriptor's value. */
  static final Object TERMINAL = new Object();

  // Made at the first exec that needs them: a fork of a shell that never ran one copies nothing.
  private Map<Object, Object> in = java.util.Collections.emptyMap();
  private Map<Object, Consumer<String>> out = java.util.Collections.emptyMap();
  private Map<Object, Consumer<String>> err = java.util.Collections.emptyMap();
  private Map<Integer, Object> high = java.util.Collections.emptyMap();

  /** The streams the shell's last typed or read line was handed. */
  private Io top;

  Fds copy() {
    Fds c = new Fds();
    c.in = copied(in);
    c.out = copied(out);
    c.err = copied(err);
    c.high = high.isEmpty() ? java.util.Collections.emptyMap() : new TreeMap<>(high);
    c.top = top;
    return c;
  }

  private static <V> Map<Object, V> copied(Map<Object, V> m) {
    return m.isEmpty() ? java.util.Collections.emptyMap() : new IdentityHashMap<>(m);
  }

  private static <V> Map<Object, V> writable(Map<Object, V> m) {
    return m instanceof IdentityHashMap ? m : new IdentityHashMap<>(m);
  }

  /**
   * A new line runs on {@code io}: what {@code exec} made of the streams the line before was handed
   * (the host's terminal hands each typed line its own) is now made of these.
   */
  void top(Io io) {
    if (top != null) {
      move(in, key(top.in()), key(io.in()));
      move(out, top.out(), io.out());
      move(err, top.err(), io.err());
    }
    top = io;
  }

  private static <V> void move(Map<Object, V> m, Object from, Object to) {
    if (from != to && m.containsKey(from)) {
      m.put(to, m.remove(from)); // a map with a key is writable
    }
  }

  /** {@code io} with the streams {@code exec} replaced, as a command of this scope gets them. */
  Io resolve(Io io) {
    if (in.isEmpty() && out.isEmpty() && err.isEmpty()) {
      return io;
    }
    Object k = key(io.in());
    Stdin i = in.containsKey(k) ? stdin(in.get(k)) : io.in();
    Consumer<String> o = out.getOrDefault(io.out(), io.out());
    Consumer<String> e = err.getOrDefault(io.err(), io.err());
    return i == io.in() && o == io.out() && e == io.err() ? io : io.withStreams(i, o, e);
  }

  /**
   * {@code io}'s streams where {@code redirected} (made from {@code resolved}, {@link #resolve} of
   * {@code io}) left them alone: what a compound command or a function hands its body, so that an
   * {@code exec} in the body maps the keys later commands are handed.
   */
  static Io keys(Io io, Io resolved, Io redirected) {
    Stdin i = redirected.in() == resolved.in() ? io.in() : redirected.in();
    Consumer<String> o = redirected.out() == resolved.out() ? io.out() : redirected.out();
    Consumer<String> e = redirected.err() == resolved.err() ? io.err() : redirected.err();
    return i == redirected.in() && o == redirected.out() && e == redirected.err()
        ? redirected
        : redirected.withStreams(i, o, e);
  }

  /**
   * {@code exec}'s redirections last: what was handed {@code before} (and got {@code was}, its
   * {@link #resolve}) now gets {@code after}.
   */
  void last(Io before, Io was, Io after) {
    if (after.in() != was.in()) {
      in = writable(in);
      in.put(key(before.in()), key(after.in()));
    }
    if (after.out() != was.out()) {
      out = writable(out);
      out.put(before.out(), after.out());
    }
    if (after.err() != was.err()) {
      err = writable(err);
      err.put(before.err(), after.err());
    }
  }

  /** Descriptor {@code fd} (3 to 9): an output, a {@link Stdin}, {@link #TERMINAL}, or null. */
  Object get(int fd) {
    return high.get(fd);
  }

  /** Sets descriptor {@code fd}, or closes it ({@code value} null); returns what it was. */
  Object set(int fd, Object value) {
    if (value == null) {
      return high.isEmpty() ? null : high.remove(fd);
    }
    if (!(high instanceof TreeMap)) {
      high = new TreeMap<>(high);
    }
    return high.put(fd, value);
  }

  static Object key(Stdin in) {
    return in == null ? TERMINAL : in;
  }

  static Stdin stdin(Object value) {
    return value == TERMINAL ? null : (Stdin) value;
  }
}
