package dev.ddlab.sim.runtime;

import dev.ddlab.fs.FileNode;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * execve(2) as runc and shells see it: find argv[0] (PATH lookup when it has no slash, as Go's
 * exec.LookPath does), check it is an executable file, and pick the {@link Program}: the file's
 * {@code program} attribute, a busybox applet named by argv[0], or the interpreter of a {@code #!}
 * script.
 */
public final class Executables {
  public static final String DEFAULT_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** Multi-call binaries: the applet is the base name of argv[0]. */
  private static final String BUSYBOX = "busybox";

  private Executables() {}

  /** Why an exec failed, with runc's wording after {@code exec: "name": }. */
  public enum Failure {
    NOT_FOUND_IN_PATH("executable file not found in $PATH"),
    NO_SUCH_FILE("no such file or directory"),
    PERMISSION_DENIED("permission denied"),
    EXEC_FORMAT("exec format error");

    public final String text;

    Failure(String text) {
      this.text = text;
    }
  }

  /** The outcome of a lookup: either a program with its (possibly rewritten) argv, or a failure. */
  public record Resolution(
      Program program, List<String> argv, String path, Failure failure, String name) {
    public boolean ok() {
      return failure == null;
    }

    /**
     * runc's message for a failed lookup, e.g. {@code exec: "nosuchcmd": executable file not found
     * in $PATH}.
     */
    public String runcMessage() {
      return switch (failure) {
        case NO_SUCH_FILE -> "exec: \"" + name + "\": stat " + name + ": " + failure.text;
        case EXEC_FORMAT -> "exec " + path + ": " + failure.text;
        default -> "exec: \"" + name + "\": " + failure.text;
      };
    }
  }

  public static Resolution resolve(
      FileSystem fs,
      List<String> argv,
      Map<String, String> env,
      String cwd,
      ProgramRegistry programs) {
    String name = argv.get(0);
    if (name.contains("/")) {
      String path = Paths.resolve(cwd == null || cwd.isEmpty() ? "/" : cwd, name);
      Optional<FileNode> node = stat(fs, path);
      if (node.isEmpty()) {
        return fail(Failure.NO_SUCH_FILE, name, path);
      }
      if (!node.get().isExecutable()) {
        return fail(Failure.PERMISSION_DENIED, name, path);
      }
      return program(fs, node.get(), path, argv, programs, 0);
    }
    String pathList = env == null ? null : env.get("PATH");
    for (String dir :
        (pathList == null || pathList.isEmpty() ? DEFAULT_PATH : pathList).split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      String candidate = Paths.resolve("/", dir + "/" + name);
      Optional<FileNode> n = stat(fs, candidate);
      if (n.isPresent() && n.get().isExecutable()) {
        return program(fs, n.get(), candidate, argv, programs, 0);
      }
    }
    return fail(Failure.NOT_FOUND_IN_PATH, name, null);
  }

  /** The first executable file named {@code name} in PATH, or null. */
  public static String lookPath(FileSystem fs, String name, String pathVar) {
    Found f = findInPath(fs, name, pathVar);
    return f == null ? null : f.path();
  }

  private record Found(String path, FileNode node) {}

  private static Found findInPath(FileSystem fs, String name, String pathVar) {
    String pathList = pathVar == null || pathVar.isEmpty() ? DEFAULT_PATH : pathVar;
    for (String dir : pathList.split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      String candidate = Paths.resolve("/", dir + "/" + name);
      Optional<FileNode> n = stat(fs, candidate);
      if (n.isPresent() && n.get().isExecutable()) {
        return new Found(candidate, n.get());
      }
    }
    return null;
  }

  private static Resolution program(
      FileSystem fs,
      FileNode node,
      String path,
      List<String> argv,
      ProgramRegistry programs,
      int depth) {
    String programName = node.program();
    if (programName == null) {
      return interpreter(fs, path, argv, programs, depth);
    }
    if (programName.equals(BUSYBOX)) {
      List<String> args = argv;
      String applet = Paths.name(argv.get(0));
      if (applet.equals(BUSYBOX)) {
        if (argv.size() < 2) {
          return new Resolution(new Missing("busybox"), argv, path, null, argv.get(0));
        }
        args = argv.subList(1, argv.size());
        applet = Paths.name(args.get(0));
        if (args.get(0).equals("--list")) {
          return new Resolution(new AppletList(), args, path, null, argv.get(0));
        }
      }
      Program p = programs.create(applet).orElse(null);
      return new Resolution(
          p == null ? new AppletNotFound(applet) : p, args, path, null, argv.get(0));
    }
    Program p = programs.create(programName).orElse(null);
    return new Resolution(p == null ? new Missing(programName) : p, argv, path, null, argv.get(0));
  }

  /** A {@code #!} script: run its interpreter with the script's path, like the kernel does. */
  private static Resolution interpreter(
      FileSystem fs, String path, List<String> argv, ProgramRegistry programs, int depth) {
    String firstLine;
    try {
      firstLine = firstLine(fs.read(path));
    } catch (FsException e) {
      return fail(Failure.EXEC_FORMAT, argv.get(0), path);
    }
    if (!firstLine.startsWith("#!") || depth > 2) {
      return fail(Failure.EXEC_FORMAT, argv.get(0), path);
    }
    String[] words = firstLine.substring(2).trim().split("\\s+", 2);
    if (words[0].isEmpty()) {
      return fail(Failure.EXEC_FORMAT, argv.get(0), path);
    }
    Optional<FileNode> interp = stat(fs, words[0]);
    if (interp.isEmpty() || !interp.get().isExecutable()) {
      return fail(Failure.NO_SUCH_FILE, argv.get(0), path);
    }
    List<String> newArgv = new ArrayList<>();
    newArgv.add(words[0]);
    if (words.length > 1) {
      newArgv.add(words[1]);
    }
    newArgv.add(path);
    newArgv.addAll(argv.subList(1, argv.size()));
    return program(fs, interp.get(), words[0], newArgv, programs, depth + 1);
  }

  /**
   * Whether exec(2) of {@code path} fails with ENOEXEC: an executable file that names no program
   * and has no {@code #!} line. A shell then runs it as a script of its own ({@code bash} and
   * {@code ash} in a new shell process with the file as {@code $0}); runc says "exec format error".
   */
  public static boolean shellScript(FileSystem fs, String path) {
    Optional<FileNode> node = stat(fs, path);
    if (node.isEmpty() || node.get().isDirectory() || node.get().program() != null) {
      return false;
    }
    try {
      return !firstLine(fs.read(path)).startsWith("#!");
    } catch (FsException e) {
      return false;
    }
  }

  /** A file's first line as the kernel reads a {@code #!} line: up to 256 bytes, to a newline. */
  public static String firstLine(byte[] data) {
    int n = 0;
    while (n < data.length && n < 256 && data[n] != '\n') {
      n++;
    }
    return new String(data, 0, n, StandardCharsets.UTF_8);
  }

  private static Optional<FileNode> stat(FileSystem fs, String path) {
    try {
      return fs.stat(path);
    } catch (FsException e) {
      return Optional.empty();
    }
  }

  private static Resolution fail(Failure f, String name, String path) {
    return new Resolution(null, null, path, f, name);
  }

  /**
   * What a container's start gives for a lookup that failed with ENOEXEC: runc (1.1 and later)
   * checks that the file exists and may be executed before the start and calls execve(2) only in
   * the started container, so the start succeeds and the process prints {@code exec PATH: exec
   * format error} on its stderr and exits with 1. Other failures stay failures of the start.
   */
  public static Resolution startable(Resolution r, List<String> argv) {
    if (r.ok() || r.failure() != Failure.EXEC_FORMAT) {
      return r;
    }
    return new Resolution(new ExecFailed(r.runcMessage()), argv, r.path(), null, r.name());
  }

  private record ExecFailed(String message) implements Program {
    @Override
    public void start(Proc proc) {
      proc.err(message + "\n");
      proc.exit(1);
    }
  }

  /** busybox without the applet compiled in. */
  private record AppletNotFound(String applet) implements Program {
    @Override
    public void start(Proc proc) {
      proc.err(applet + ": applet not found\n");
      proc.exit(127);
    }
  }

  /**
   * {@code busybox --list}: the applets compiled in, one a line in the applet table's (sorted)
   * order. The image installs a link for each, so they are the names in /bin, /sbin, /usr/bin and
   * /usr/sbin that run busybox.
   */
  private static final class AppletList implements Program {
    @Override
    public void start(Proc proc) {
      java.util.TreeSet<String> names = new java.util.TreeSet<>();
      for (String dir : List.of("/bin", "/sbin", "/usr/bin", "/usr/sbin")) {
        if (!proc.fs().isDirectory(dir)) {
          continue;
        }
        for (String name : proc.fs().list(dir)) {
          Optional<FileNode> n = stat(proc.fs(), dir + "/" + name);
          if (!name.equals(BUSYBOX) && n.isPresent() && BUSYBOX.equals(n.get().program())) {
            names.add(name);
          }
        }
      }
      StringBuilder sb = new StringBuilder();
      names.forEach(n -> sb.append(n).append('\n'));
      proc.out(sb.toString());
      proc.exit(0);
    }
  }

  /** A file names a program the simulator does not implement: say so rather than pretend. */
  private record Missing(String name) implements Program {
    @Override
    public void start(Proc proc) {
      proc.err(proc.argv().get(0) + ": program '" + name + "' is not simulated by ddlab\n");
      proc.exit(126);
    }
  }
}
