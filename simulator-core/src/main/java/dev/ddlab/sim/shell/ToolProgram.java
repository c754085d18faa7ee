package dev.ddlab.sim.shell;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.UserDb;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.runtime.HttpOutcome;
import dev.ddlab.sim.runtime.HttpRequest;
import dev.ddlab.sim.runtime.HttpResponse;
import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Proc.ProcessInfo;
import dev.ddlab.sim.runtime.Program;
import dev.ddlab.sim.runtime.Signal;
import java.util.List;
import java.util.Map;

/**
 * A {@link Tool} as a container process: it runs over the process's root filesystem, with busybox
 * wording when the executable is busybox, and exits with the tool's status. A tool that reads
 * standard input (cat, grep, wc without files) reads it as {@link ToolInput} says: a line filter as
 * lines come, {@code head} until it has enough, the others to its end.
 */
final class ToolProgram implements Program {
  private final Tool tool;
  private ToolInput input;

  ToolProgram(Tool tool) {
    this.tool = tool;
  }

  @Override
  public void start(Proc proc) {
    List<String> args = proc.argv().subList(1, proc.argv().size());
    if (tool.readsStdin(args)) {
      // it reads its input as it comes (a line filter, head) or to its end (ToolInput)
      input =
          ToolInput.of(
              dev.ddlab.fs.Paths.name(proc.argv().get(0)),
              args,
              new Context(proc, null).busybox(),
              proc::rss,
              (runArgs, text, done) -> tool.run(new Context(proc, text), runArgs, done),
              proc::exit);
      return;
    }
    tool.run(new Context(proc, null), args, proc::exit);
  }

  @Override
  public void stdin(Proc proc, String line) {
    if (input != null) {
      input.data(line + "\n");
    }
  }

  @Override
  public void stdinData(Proc proc, String data) {
    if (input != null) {
      input.data(data);
    }
  }

  @Override
  public void stdinClosed(Proc proc) {
    if (input != null) {
      input.end();
    }
  }

  /** The tool's view of its process. */
  private static final class Context implements ToolContext {
    private final Proc proc;
    private final Io io;
    private final boolean busybox;

    Context(Proc proc, Stdin input) {
      this.proc = proc;
      this.io = new Io(input, proc::out, proc::err, false, null);
      String argv0 = proc.argv().get(0);
      String path =
          argv0.contains("/")
              ? dev.ddlab.fs.Paths.resolve(proc.cwd(), argv0)
              : ShellProgram.lookPath(proc.fs(), argv0, proc.env().get("PATH"));
      this.busybox =
          (path != null && ShellProgram.isBusybox(proc.fs(), path))
              || (path == null && proc.fs().exists("/bin/busybox"));
    }

    @Override
    public String argv0() {
      return dev.ddlab.fs.Paths.name(proc.argv().get(0));
    }

    @Override
    public FileSystem fs() {
      return proc.fs();
    }

    @Override
    public String cwd() {
      return proc.cwd();
    }

    @Override
    public Map<String, String> env() {
      return proc.env();
    }

    @Override
    public Io io() {
      return io;
    }

    @Override
    public boolean busybox() {
      return busybox;
    }

    @Override
    public String hostname() {
      return proc.hostname();
    }

    private UserDb.ExecUser execUser;

    /** The process's --user as runc resolved it in the container's /etc/passwd and /etc/group. */
    private UserDb.ExecUser execUser() {
      if (execUser == null) {
        try {
          // the daemon resolved the user at start; "root" is how it names the default (uid 0)
          String spec = proc.user();
          execUser = UserDb.execUser(proc.fs(), "root".equals(spec) ? "" : spec);
        } catch (IllegalArgumentException unknown) {
          execUser = new UserDb.ExecUser(1000, 1000, proc.user(), "/", List.of(1000));
        }
      }
      return execUser;
    }

    @Override
    public String user() {
      UserDb.ExecUser u = execUser();
      return u.name() != null ? u.name() : String.valueOf(u.uid());
    }

    @Override
    public int uid() {
      return execUser().uid();
    }

    @Override
    public int gid() {
      return execUser().gid();
    }

    @Override
    public List<Integer> groups() {
      return execUser().groups();
    }

    @Override
    public VirtualClock clock() {
      return proc.clock();
    }

    @Override
    public List<ProcessInfo> processes() {
      return proc.processes();
    }

    @Override
    public int pid() {
      return proc.pid();
    }

    @Override
    public boolean kill(int pid, Signal signal) {
      return proc.kill(pid, signal);
    }

    @Override
    public boolean tty() {
      return proc.tty();
    }

    @Override
    public int columns() {
      return proc.tty() && proc.pty() != null ? proc.pty().columns() : 0;
    }

    @Override
    public boolean stdinIsTerminal() {
      return proc.stdinTty() && !io.piped();
    }

    @Override
    public dev.ddlab.sim.runtime.Pty stdinTerminal() {
      return proc.stdinTty() ? proc.pty() : null;
    }

    @Override
    public void after(java.time.Duration d, Runnable next) {
      proc.after(d, next);
    }

    @Override
    public void compute(java.time.Duration d, Runnable next) {
      proc.afterCpu(
          d,
          () -> {
            if (proc.cgroup() != null) {
              proc.cgroup().chargeCpu(d.toNanos());
            }
            next.run();
          });
    }

    @Override
    public dev.ddlab.sim.runtime.OutputEnd stdoutEnd() {
      return proc.stdoutEnd();
    }

    @Override
    public dev.ddlab.sim.runtime.Executables.Failure exec(
        List<String> argv, Map<String, String> env) {
      return proc.exec(argv, env);
    }

    @Override
    public dev.ddlab.sim.network.dataplane.Netns netns() {
      return proc.netns(dev.ddlab.sim.network.dataplane.Netns.class).orElse(null);
    }

    @Override
    public Tcp tcp() {
      return proc::tcp;
    }

    @Override
    public java.util.Collection<dev.ddlab.sim.runtime.NetNamespace.Listener> listeners() {
      return proc.listeners();
    }

    @Override
    public dev.ddlab.sim.network.dataplane.NetStack netStack() {
      dev.ddlab.sim.network.dataplane.Netns ns = netns();
      return ns == null ? null : ns.stack();
    }

    @Override
    public Web web() {
      return new Web() {
        @Override
        public HttpResponse get(String host, int port, String path) {
          return proc.http(host, port, HttpRequest.get(path));
        }

        @Override
        public void get(
            String host, int port, String path, java.util.function.Consumer<HttpOutcome> done) {
          proc.http(host, port, HttpRequest.get(path), done);
        }
      };
    }
  }
}
