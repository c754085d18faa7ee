package dev.ddlab.sim.shell;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import dev.ddlab.sim.runtime.OutputEnd;
import dev.ddlab.sim.shell.Ast.RedirOp;
import dev.ddlab.sim.shell.Ast.Redirect;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * A command's redirections applied to its streams: {@code < file}, {@code > file}, {@code >> file},
 * {@code 2>&1}, {@code >&-}, here-documents and {@code /dev/null}, with the errors the dialect
 * prints when a file cannot be opened or a target is ambiguous.
 */
final class Redirections {
  private final Interpreter sh;

  Redirections(Interpreter sh) {
    this.sh = sh;
  }

  private static final class RedirectException extends Exception {
    /** The stderr the failing redirection met: the ones before it apply (2>/dev/null >ro). */
    private Consumer<String> err;

    /** The status the command fails with: 1, dash's 2 where dash gives it. */
    private int status = 1;

    RedirectException(String message) {
      super(message);
    }
  }

  /**
   * The redirected streams, or null after printing the shell's error and ending with 1. What it set
   * of the descriptors 3 to 9 holds until {@link #restoring} or {@link #keep} is called.
   */
  Io applyOrFail(List<Redirect> redirects, Expander ex, Io io, IntConsumer done) {
    undo.clear();
    try {
      return apply(redirects, ex, io);
    } catch (RedirectException e) {
      restoring(st -> {}).accept(0); // the ones before the failing one are undone
      (e.err != null ? e.err : io.err()).accept(e.getMessage() + "\n");
      done.accept(e.status);
      return null;
    }
  }

  /** What the last {@link #applyOrFail} set of descriptors 3 to 9 and what they were before. */
  private final List<Object[]> undo = new ArrayList<>();

  /**
   * {@code done}, first giving back the descriptors 3 to 9 the last {@link #applyOrFail} set: a
   * command's {@code 3>file} holds while it runs.
   */
  IntConsumer restoring(IntConsumer done) {
    if (undo.isEmpty()) {
      return done;
    }
    List<Object[]> back = new ArrayList<>(undo);
    undo.clear();
    Fds fds = sh.fds();
    return st -> {
      for (int k = back.size() - 1; k >= 0; k--) {
        fds.set((Integer) back.get(k)[0], back.get(k)[1]);
      }
      done.accept(st);
    };
  }

  /** {@code exec}'s redirections: what the last {@link #applyOrFail} set stays. */
  void keep() {
    undo.clear();
  }

  /** A closed descriptor ({@code >&-}), as the value a redirection gives one. */
  private static final Object CLOSED = new Object();

  /** {@code fd} now refers to {@code value} (an output, a {@link Stdin}/TERMINAL, or CLOSED). */
  private Io assign(int fd, Object value, Io io) {
    Stdin in = io.in();
    Consumer<String> out = io.out();
    Consumer<String> err = io.err();
    switch (fd) {
      case 0 -> {
        if (value == CLOSED) {
          in = new Stdin("");
        } else if (!(value instanceof Consumer)) {
          in = Fds.stdin(value);
        }
      }
      case 1 -> out = value == CLOSED ? FileSink.closed() : output(value);
      case 2 -> err = output(value); // 2>&-: what the command says of it is lost, silently
      default -> {
        Object before = sh.fds().set(fd, value == CLOSED ? null : value);
        undo.add(new Object[] {fd, before});
      }
    }
    return io.withStreams(in, out, err);
  }

  /**
   * What writing to {@code value} reaches: a descriptor open for reading fails each write with
   * EBADF ({@code exec 3<f; echo hi >&3}: bash {@code echo: write error: Bad file descriptor}).
   */
  @SuppressWarnings("unchecked")
  private static Consumer<String> output(Object value) {
    return value instanceof Consumer<?> c
        ? (Consumer<String>) c
        : value == CLOSED ? s -> {} : FileSink.closed();
  }

  /**
   * {@code >&N} to a descriptor that is not open, in each shell's words (bash 5.2 {@code bash: line
   * 1: 9: Bad file descriptor} 1, dash 0.5.12 {@code sh: 1: 9: Bad file descriptor} 2, busybox
   * {@code sh: 9: Bad file descriptor} 1).
   */
  private RedirectException badDescriptor(String target) {
    RedirectException e =
        new RedirectException(
            switch (sh.dialect()) {
              case BASH -> ErrorPlace.name(sh) + ": " + target + ": Bad file descriptor";
              case ASH -> sh.name() + ": " + target + ": Bad file descriptor";
              case DASH ->
                  sh.name() + ": " + ErrorPlace.dash(sh) + ": " + target + ": Bad file descriptor";
            });
    e.status = sh.dialect() == Dialect.DASH ? 2 : 1;
    return e;
  }

  private Io apply(List<Redirect> redirects, Expander ex, Io io) throws RedirectException {
    Stdin in = io.in();
    Consumer<String> out = io.out();
    Consumer<String> err = io.err();
    for (Redirect r : redirects) {
      try {
        Io now = applyOne(r, ex, io.withStreams(in, out, err));
        in = now.in();
        out = now.out();
        err = now.err();
      } catch (RedirectException e) {
        e.err = err;
        throw e;
      }
    }
    return io.withStreams(in, out, err);
  }

  /** One redirection over the streams the ones before it made. */
  private Io applyOne(Redirect r, Expander ex, Io io) throws RedirectException {
    String name = sh.name();
    Dialect dialect = sh.dialect();
    ShellRuntime runtime = sh.runtime();
    Stdin in = io.in();
    Consumer<String> out = io.out();
    Consumer<String> err = io.err();
    if (r.op() == RedirOp.HERE) {
      return r.fd() == 1 || r.fd() == 2
          ? io
          : assign(r.fd(), new Stdin(ex.single(r.here().body())), io);
    }
    if (r.op() == RedirOp.HERE_STRING) {
      return r.fd() == 1 || r.fd() == 2
          ? io
          : assign(r.fd(), new Stdin(ex.single(r.target()) + "\n"), io);
    }
    String target = ex.single(r.target());
    if (r.op() == RedirOp.DUP_OUT || r.op() == RedirOp.DUP_IN) {
      Object to;
      if (target.equals("-")) {
        to = CLOSED;
      } else if (!target.isEmpty() && target.chars().allMatch(Character::isDigit)) {
        int n = target.length() > 1 ? 10 : target.charAt(0) - '0';
        to = n == 0 ? Fds.key(in) : n == 1 ? out : n == 2 ? err : sh.fds().get(n);
        if (to == null) {
          throw badDescriptor(target);
        }
      } else {
        throw new RedirectException(name + ": " + target + ": ambiguous redirect");
      }
      return assign(r.fd(), to, io);
    }
    if (target.isEmpty()) {
      throw new RedirectException(name + ": " + r.target().source() + ": ambiguous redirect");
    }
    String path = Paths.resolve(runtime.cwd(), target);
    if (r.op() == RedirOp.IN) {
      if (path.equals("/dev/null") && !runtime.fs().exists(path)) {
        return assign(r.fd(), new Stdin(""), io); // a host without device files
      }
      try {
        in = new Stdin(new String(runtime.fs().read(path), StandardCharsets.UTF_8));
      } catch (FsException e) {
        throw cannotOpen(target, e, false);
      }
      return assign(r.fd(), in, io);
    }
    if (path.equals("/dev/null")) {
      Consumer<String> devNull = s -> {};
      return r.fd() == 0 ? io : assign(r.fd(), devNull, io);
    }
    if (r.op() == RedirOp.OUT
        && sh.options().noclobber()
        && runtime.fs().stat(path).map(dev.ddlab.fs.FileNode::isFile).orElse(false)) {
      RedirectException e = new RedirectException(clobbers(target)); // set -C: >| overwrites it
      e.status = dialect == Dialect.DASH ? 2 : 1;
      throw e;
    }
    try {
      if (runtime.fs().isDirectory(path)) {
        throw new FsException(FsException.Errno.EISDIR, path);
      }
      runtime.fs().write(path, new byte[0], r.op() == RedirOp.APPEND);
    } catch (FsException e) {
      throw cannotOpen(target, e, true);
    }
    Consumer<String> file = new FileSink(runtime.fs(), path);
    return r.fd() == 0 ? io : assign(r.fd(), file, io);
  }

  /**
   * Output redirected to a file. A write that fails (a full disk) is counted instead of thrown, as
   * write(2) returns an error to the program: the shell then ends the command that wrote with
   * status 1 and its "write error" message ({@link #writeFailures}).
   */
  static final class FileSink implements Consumer<String>, OutputEnd {
    private final FileSystem fs;
    private final String path;
    private FsException last;
    private int failures;
    private int reported;

    FileSink(FileSystem fs, String path) {
      this.fs = fs;
      this.path = path;
    }

    /** A descriptor closed or open for reading: every write fails with EBADF. */
    static FileSink closed() {
      return new FileSink(null, null);
    }

    @Override
    public void accept(String s) {
      if (fs == null) {
        last = new FsException(FsException.Errno.EBADF, null);
        failures++;
        return;
      }
      try {
        fs.write(path, s.getBytes(StandardCharsets.UTF_8), true);
      } catch (FsException e) {
        last = e;
        failures++;
      }
    }

    @Override
    public String failure() {
      return failures > reported ? last.getMessage() : null;
    }

    @Override
    public void reported() {
      reported = failures;
    }
  }

  /** How many writes to files failed so far through {@code io}'s output and error. */
  static int writeFailures(Io io) {
    int n = 0;
    if (io.out() instanceof FileSink f) {
      n += f.failures - f.reported;
    }
    if (io.out() instanceof Pipe p) {
      n += p.failures(); // EPIPE while SIGPIPE is ignored
    }
    if (io.err() instanceof FileSink f && f != io.out()) {
      n += f.failures - f.reported;
    }
    return n;
  }

  /** The last failed write's error through {@code io} (after {@link #writeFailures} grew). */
  static FsException lastWriteError(Io io) {
    if (io.out() instanceof FileSink f && f.last != null) {
      return f.last;
    }
    if (io.out() instanceof Pipe p && p.failures() > 0) {
      p.reported();
      return new FsException(FsException.Errno.EPIPE, null);
    }
    return io.err() instanceof FileSink f ? f.last : null;
  }

  /**
   * {@code set -C} refused to overwrite {@code target}, in each shell's words (bash 5.2, dash
   * 0.5.12, busybox 1.36).
   */
  private String clobbers(String target) {
    return switch (sh.dialect()) {
      case BASH -> ErrorPlace.name(sh) + ": " + target + ": cannot overwrite existing file";
      case ASH -> sh.name() + ": can't create " + target + ": File exists";
      case DASH ->
          sh.name() + ": " + ErrorPlace.dash(sh) + ": cannot create " + target + ": File exists";
    };
  }

  /**
   * A file a redirection cannot open, in each shell's words: bash 5.2 {@code bash: line 1:
   * /nonexistent/x: No such file or directory} (1), dash 0.5.12 {@code sh: 1: cannot create
   * /nonexistent/x: Directory nonexistent} and {@code cannot open /nope: No such file} (2), busybox
   * {@code sh: can't create /nonexistent/x: nonexistent directory} and {@code can't open /nope: no
   * such file} (1).
   */
  private RedirectException cannotOpen(String target, FsException e, boolean create) {
    String name = sh.name();
    RedirectException r =
        new RedirectException(
            switch (sh.dialect()) {
              case BASH -> ErrorPlace.name(sh) + ": " + target + ": " + e.getMessage();
              case ASH ->
                  create
                      ? name + ": can't create " + target + ": " + ashReason(e)
                      : name + ": can't open " + target + ": no such file";
              case DASH ->
                  name
                      + ": "
                      + ErrorPlace.dash(sh)
                      + (create ? ": cannot create " : ": cannot open ")
                      + target
                      + ": "
                      + dashReason(e, create);
            });
    r.status = sh.dialect() == Dialect.DASH ? 2 : 1;
    return r;
  }

  private static String dashReason(FsException e, boolean create) {
    return switch (e.errno()) {
      case ENOENT -> create ? "Directory nonexistent" : "No such file";
      case EISDIR -> "Is a directory";
      default -> e.getMessage();
    };
  }

  private static String ashReason(FsException e) {
    return switch (e.errno()) {
      case ENOENT -> "nonexistent directory";
      case EISDIR -> "Is a directory";
      default -> e.getMessage();
    };
  }
}
