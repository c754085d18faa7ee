package dev.ddlab.sim.shell;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import dev.ddlab.sim.runtime.OutputEnd;
import dev.ddlab.sim.shell.Ast.RedirOp;
import dev.ddlab.sim.shell.Ast.Redirect;
import java.nio.charset.StandardCharsets;
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

  /** The redirected streams, or null after printing the shell's error and ending with 1. */
  Io applyOrFail(List<Redirect> redirects, Expander ex, Io io, IntConsumer done) {
    try {
      return apply(redirects, ex, io);
    } catch (RedirectException e) {
      (e.err != null ? e.err : io.err()).accept(e.getMessage() + "\n");
      done.accept(e.status);
      return null;
    }
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
      if (r.fd() == 0) {
        in = new Stdin(ex.single(r.here().body()));
      }
      return io.withStreams(in, out, err);
    }
    if (r.op() == RedirOp.HERE_STRING) {
      if (r.fd() == 0) {
        in = new Stdin(ex.single(r.target()) + "\n");
      }
      return io.withStreams(in, out, err);
    }
    String target = ex.single(r.target());
    if (r.op() == RedirOp.DUP_OUT || r.op() == RedirOp.DUP_IN) {
      Consumer<String> to;
      if (target.equals("1")) {
        to = out;
      } else if (target.equals("2")) {
        to = err;
      } else if (target.equals("-")) {
        to = s -> {};
      } else {
        throw new RedirectException(name + ": " + target + ": ambiguous redirect");
      }
      if (r.fd() == 1) {
        out = to;
      } else if (r.fd() == 2) {
        err = to;
      }
      return io.withStreams(in, out, err);
    }
    if (target.isEmpty()) {
      throw new RedirectException(name + ": " + r.target().source() + ": ambiguous redirect");
    }
    String path = Paths.resolve(runtime.cwd(), target);
    if (r.op() == RedirOp.IN) {
      if (path.equals("/dev/null") && !runtime.fs().exists(path)) {
        return io.withStreams(new Stdin(""), out, err); // a host without device files
      }
      try {
        in = new Stdin(new String(runtime.fs().read(path), StandardCharsets.UTF_8));
      } catch (FsException e) {
        throw new RedirectException(
            dialect == Dialect.ASH
                ? name + ": can't open " + target + ": no such file"
                : name + ": " + target + ": " + e.getMessage());
      }
      return io.withStreams(in, out, err);
    }
    if (path.equals("/dev/null")) {
      Consumer<String> devNull = s -> {};
      if (r.fd() == 2) {
        err = devNull;
      } else if (r.fd() == 1) {
        out = devNull;
      }
      return io.withStreams(in, out, err);
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
      throw new RedirectException(
          dialect == Dialect.ASH
              ? name + ": can't create " + target + ": " + ashReason(e)
              : name + ": " + target + ": " + e.getMessage());
    }
    Consumer<String> file = new FileSink(runtime.fs(), path);
    if (r.fd() == 2) {
      err = file;
    } else if (r.fd() == 1) {
      out = file;
    }
    return io.withStreams(in, out, err);
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

    @Override
    public void accept(String s) {
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

  private static String ashReason(FsException e) {
    return switch (e.errno()) {
      case ENOENT -> "nonexistent directory";
      case EISDIR -> "Is a directory";
      default -> e.getMessage();
    };
  }
}
