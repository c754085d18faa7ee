package dev.ddlab.grader.jshell;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One check child seen from the grader: the process, the pipe to it, and a reader thread that turns
 * what the child writes into frames (or an end marker when the child dies or breaks the protocol).
 */
final class CheckProcess {
  /** The exit status of a JVM ended by -XX:+ExitOnOutOfMemoryError. */
  static final int OUT_OF_MEMORY_EXIT = 3;

  /** Put in the queue when the child's output ends or stops making sense. */
  static final JsonNode END = Wire.message("end");

  private final Process process;
  private final DataOutputStream toChild;
  private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
  private final Path stat;
  private boolean ready;

  private CheckProcess(Process process) {
    this.process = process;
    this.toChild =
        new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
    this.stat = Path.of("/proc", String.valueOf(process.pid()), "stat");
    DataInputStream fromChild =
        new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
    Thread reader =
        new Thread(
            () -> {
              try {
                while (true) {
                  frames.add(Wire.read(fromChild, Wire.CHILD_FRAME_LIMIT));
                }
              } catch (IOException | RuntimeException e) {
                frames.add(END);
              }
            },
            "ddlab-java-check-reader-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a child JVM; it answers {@code ready} once JShell is warm. */
  static CheckProcess start(JShellChecks.Limits limits) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + limits.memoryMegabytes() + "m");
    command.add("-Xss512k");
    command.add("-XX:MaxMetaspaceSize=128m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:-UsePerfData");
    command.add("-XX:+DisplayVMOutputToStderr");
    command.add("-Djava.util.concurrent.ForkJoinPool.common.parallelism=1");
    command.add("-Dfile.encoding=UTF-8");
    command.add("-cp");
    command.add(classPath());
    command.add(CheckChild.class.getName());
    command.add(String.valueOf(limits.wall().toMillis()));
    ProcessBuilder pb = new ProcessBuilder(command);
    // no JAVA_TOOL_OPTIONS or anything else of the grader's environment
    pb.environment().clear();
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    return new CheckProcess(pb.start());
  }

  /** The child needs the state API, this package and Jackson: nothing of the simulator. */
  private static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> c :
        new Class<?>[] {
          CheckChild.class,
          com.fasterxml.jackson.databind.ObjectMapper.class,
          com.fasterxml.jackson.core.JsonParser.class,
          com.fasterxml.jackson.annotation.JsonProperty.class
        }) {
      CodeSource source = c.getProtectionDomain().getCodeSource();
      try {
        entries.add(Path.of(source.getLocation().toURI()).toString());
      } catch (URISyntaxException | NullPointerException | IllegalArgumentException e) {
        entries.add(System.getProperty("java.class.path"));
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Waits for {@code ready}; false when the child did not come up in time. */
  boolean awaitReady(Duration timeout) throws InterruptedException {
    if (ready) {
      return true;
    }
    JsonNode first = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    ready = first != null && first.path("op").asText().equals("ready");
    return ready;
  }

  void send(JsonNode frame) throws IOException {
    Wire.write(toChild, frame);
  }

  /** The next frame within the wait, null when none came, {@link #END} when the child is gone. */
  JsonNode next(long waitMillis) throws InterruptedException {
    return frames.poll(waitMillis, TimeUnit.MILLISECONDS);
  }

  /** CPU time (user + system) the child used so far, in nanoseconds. */
  long cpuNanos() {
    try {
      String s = Files.readString(stat);
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      // after ") ": state is field 3; utime and stime are fields 14 and 15, in clock ticks (100/s)
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
  }

  /** The exit status once the child ended (waiting briefly), or -1. */
  int exitStatus() throws InterruptedException {
    return process.waitFor(2, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  /** Ends the child and waits (briefly) until it is gone. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      toChild.close();
    } catch (IOException e) {
      // already gone
    }
  }
}
