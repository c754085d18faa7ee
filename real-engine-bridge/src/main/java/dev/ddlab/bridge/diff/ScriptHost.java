package dev.ddlab.bridge.diff;

import dev.ddlab.cli.CliContext;
import dev.ddlab.cli.DockerCli;
import dev.ddlab.engine.Engine;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.MemoryFs;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.shell.HostShell;
import dev.ddlab.sim.shell.Io;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host terminal for scripts: ddlab's bash host shell with its {@code docker} command bound to one
 * {@link Engine} (a simulated node, or a real daemon). Lines are typed one by one; a line that does
 * not finish at once (host {@code sleep}, a foreground container) lets time pass until it does,
 * through {@link #passTime}.
 */
final class ScriptHost implements HostShell.Node {
  /** One typed line and what it did. */
  record Step(String line, int exitCode, String output) {}

  /** Lets time pass: virtual time for a simulator, virtual and wall time for a real daemon. */
  @FunctionalInterface
  interface TimePasser {
    void pass(Duration d);
  }

  private static final Duration STEP = Duration.ofMillis(100);
  private static final Duration LIMIT = Duration.ofMinutes(5);

  private final Engine engine;
  private final VirtualClock clock;
  private final TimePasser passTime;
  private final MemoryFs fs;
  private final HostShell shell;
  private int nextPid = 2000;

  ScriptHost(Engine engine, VirtualClock clock, TimePasser passTime) {
    this.engine = engine;
    this.clock = clock;
    this.passTime = passTime;
    this.fs = new MemoryFs(clock::nowNanos);
    fs.mkdir("/home/ubuntu", true);
    fs.mkdir("/tmp", true);
    this.shell = new HostShell(this);
  }

  Step type(String line) {
    StringBuilder out = new StringBuilder();
    AtomicInteger status = new AtomicInteger(Integer.MIN_VALUE);
    Io io = new Io(null, out::append, out::append);
    shell.type(line, io, status::set);
    Duration waited = Duration.ZERO;
    while (status.get() == Integer.MIN_VALUE && waited.compareTo(LIMIT) < 0) {
      passTime.pass(STEP);
      waited = waited.plus(STEP);
    }
    if (status.get() == Integer.MIN_VALUE) {
      shell.interrupt(io);
      return new Step(line, 130, out.toString());
    }
    return new Step(line, status.get(), out.toString());
  }

  @Override
  public String hostname() {
    return "node1";
  }

  @Override
  public FileSystem fs() {
    return fs;
  }

  @Override
  public VirtualClock clock() {
    return clock;
  }

  @Override
  public HostShell.DockerCommand docker() {
    DockerCli cli = new DockerCli(engine, CliContext.of(fs, shell::cwd));
    return cli::run;
  }

  @Override
  public int allocatePid() {
    return nextPid++;
  }
}
