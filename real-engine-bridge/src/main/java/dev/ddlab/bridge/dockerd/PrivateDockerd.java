package dev.ddlab.bridge.dockerd;

import dev.ddlab.bridge.real.DockerHost;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.engine.EngineException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * ddlab's own Docker daemon, next to (never instead of) the system one: its own socket, data-root,
 * exec-root, pidfile and bridge, and no iptables rules of its own, so it neither sees nor disturbs
 * another dockerd on the machine. {@link #up} installs Debian's docker.io and busybox-static when
 * missing, starts it and imports a busybox root filesystem as the course's small images.
 */
public final class PrivateDockerd {
  /** The images the offline rootfs stands in for. */
  public static final List<String> IMAGES =
      List.of("alpine:latest", "busybox:latest", "ubuntu:latest");

  private static final String FORWARD_COMMENT = "ddlab-private-dockerd";

  /** Where the daemon keeps its state, and its network. */
  public record Layout(
      Path runDir,
      Path dataRoot,
      String bridge,
      String bridgeCidr,
      String addressPool,
      String forwardCidr) {
    public static Layout standard() {
      return new Layout(
          Path.of("/run/ddlab-docker"),
          Path.of("/var/lib/ddlab-docker"),
          "ddlab0",
          "10.214.0.1/24",
          "base=10.215.0.0/16,size=24",
          "10.214.0.0/15");
    }

    public Path socket() {
      return runDir.resolve("docker.sock");
    }

    public Path pidfile() {
      return runDir.resolve("docker.pid");
    }

    public Path execRoot() {
      return runDir.resolve("exec");
    }

    public Path log() {
      return runDir.resolve("dockerd.log");
    }

    public String dockerHost() {
      return "unix://" + socket();
    }
  }

  private final Layout layout;
  private final PrintWriter out;

  public PrivateDockerd(Layout layout, PrintWriter out) {
    this.layout = layout;
    this.out = out;
  }

  public Layout layout() {
    return layout;
  }

  /** The daemon's pid when its pidfile names a live process. */
  public Optional<Long> pid() {
    try {
      long pid = Long.parseLong(Files.readString(layout.pidfile()).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether the socket answers /_ping. */
  public boolean answers() {
    if (!Files.exists(layout.socket())) {
      return false;
    }
    try (RealEngine engine = new RealEngine(DockerHost.of(layout.dockerHost()))) {
      return "OK".equals(engine.system().ping());
    } catch (EngineException | UncheckedIOException e) {
      return false;
    }
  }

  /** Installs what is missing, starts the daemon unless it runs, imports the images. */
  public void up() throws IOException, InterruptedException {
    installPackages();
    if (pid().isPresent() && answers()) {
      out.println("private dockerd already running (pid " + pid().get() + ")");
    } else {
      start();
    }
    importImages();
    out.println("DOCKER_HOST=" + layout.dockerHost());
    out.flush();
  }

  private void installPackages() throws IOException, InterruptedException {
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(Path.of("/usr/sbin/dockerd"))) {
      missing.add("docker.io");
    }
    if (!Files.isExecutable(Path.of("/bin/busybox")) || !isStatic(Path.of("/bin/busybox"))) {
      missing.add("busybox-static");
    }
    if (missing.isEmpty()) {
      return;
    }
    out.println("installing " + String.join(" ", missing) + " (apt-get) ...");
    out.flush();
    run(Duration.ofMinutes(10), "apt-get", "update", "-q");
    List<String> install =
        new ArrayList<>(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"));
    install.addAll(missing);
    runEnv(
        Duration.ofMinutes(20),
        List.of("DEBIAN_FRONTEND=noninteractive"),
        install.toArray(String[]::new));
  }

  /**
   * A statically linked ELF has no PT_INTERP program header; checking for the loader path is
   * enough.
   */
  private static boolean isStatic(Path binary) throws IOException {
    byte[] head = Files.readAllBytes(binary);
    String s = new String(head, 0, Math.min(head.length, 4096), StandardCharsets.ISO_8859_1);
    return !s.contains("/lib64/ld-linux") && !s.contains("/lib/ld-linux");
  }

  private void start() throws IOException, InterruptedException {
    Files.createDirectories(layout.runDir());
    Files.createDirectories(layout.dataRoot());
    Files.deleteIfExists(layout.socket());
    ensureBridge();
    ensureForwardRule();
    List<String> cmd =
        List.of(
            "setsid",
            "dockerd",
            "--host=" + layout.dockerHost(),
            "--data-root=" + layout.dataRoot(),
            "--exec-root=" + layout.execRoot(),
            "--pidfile=" + layout.pidfile(),
            "--bridge=" + layout.bridge(),
            "--iptables=false",
            "--ip-masq=false",
            "--default-address-pool=" + layout.addressPool(),
            "--cgroup-parent=ddlab-docker");
    out.println("starting private dockerd: " + String.join(" ", cmd.subList(1, cmd.size())));
    out.flush();
    new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.log().toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    for (int i = 0; i < 120; i++) {
      if (answers()) {
        out.println("private dockerd is up (pid " + pid().map(String::valueOf).orElse("?") + ")");
        return;
      }
      Thread.sleep(250);
    }
    throw new IOException("dockerd did not answer within 30 s; see " + layout.log());
  }

  /** The daemon's own bridge, so it never shares docker0 with the system daemon. */
  private void ensureBridge() throws IOException, InterruptedException {
    if (Files.exists(Path.of("/sys/class/net", layout.bridge()))) {
      return;
    }
    run(Duration.ofSeconds(10), "ip", "link", "add", layout.bridge(), "type", "bridge");
    run(Duration.ofSeconds(10), "ip", "addr", "add", layout.bridgeCidr(), "dev", layout.bridge());
    run(Duration.ofSeconds(10), "ip", "link", "set", layout.bridge(), "up");
  }

  /**
   * Without iptables management of its own, bridged traffic would meet the FORWARD policy another
   * dockerd set (DROP); one rule lets the private daemon's addresses talk to each other.
   */
  private void ensureForwardRule() throws IOException, InterruptedException {
    String[] rule = forwardRule("-C");
    if (exitCode(rule) != 0) {
      run(Duration.ofSeconds(10), forwardRule("-I"));
    }
  }

  private String[] forwardRule(String op) {
    List<String> r = new ArrayList<>(List.of("iptables", op, "FORWARD"));
    if (op.equals("-I")) {
      r.add("1");
    }
    r.addAll(
        List.of(
            "-s",
            layout.forwardCidr(),
            "-d",
            layout.forwardCidr(),
            "-m",
            "comment",
            "--comment",
            FORWARD_COMMENT,
            "-j",
            "ACCEPT"));
    return r.toArray(String[]::new);
  }

  /** Imports the busybox rootfs as each image that is missing. */
  public void importImages() throws IOException, InterruptedException {
    try (RealEngine engine = new RealEngine(DockerHost.of(layout.dockerHost()))) {
      List<String> missing = new ArrayList<>();
      for (String image : IMAGES) {
        try {
          engine.images().inspect(image);
        } catch (EngineException e) {
          if (!e.isNotFound()) {
            throw e;
          }
          missing.add(image);
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      Path busybox = Path.of("/bin/busybox");
      String list = capture(Duration.ofSeconds(10), busybox.toString(), "--list");
      List<String> applets = Arrays.stream(list.split("\n")).map(String::trim).toList();
      byte[] rootfs = BusyboxRootfs.tar(busybox, applets);
      String first = missing.get(0);
      String[] nameTag = first.split(":", 2);
      engine.importImage(rootfs, nameTag[0], nameTag[1], List.of("CMD [\"/bin/sh\"]"));
      for (String other : missing.subList(1, missing.size())) {
        String[] nt = other.split(":", 2);
        engine.images().tag(first, nt[0], nt[1]);
      }
      out.println("imported busybox rootfs as " + String.join(", ", missing));
    }
  }

  /** Stops the daemon (SIGTERM, then SIGKILL after 30 s) and removes all of its state. */
  public void down() throws IOException, InterruptedException {
    Optional<Long> pid = pid();
    if (pid.isPresent()) {
      ProcessHandle p = ProcessHandle.of(pid.get()).orElseThrow();
      p.destroy();
      for (int i = 0; i < 120 && p.isAlive(); i++) {
        Thread.sleep(250);
      }
      if (p.isAlive()) {
        p.destroyForcibly();
      }
      out.println("stopped private dockerd (pid " + pid.get() + ")");
    } else {
      out.println("private dockerd is not running");
    }
    unmountUnder(layout.execRoot());
    unmountUnder(layout.dataRoot());
    deleteTree(layout.dataRoot());
    deleteTree(layout.runDir());
    if (Files.exists(Path.of("/sys/class/net", layout.bridge()))) {
      exitCode("ip", "link", "delete", layout.bridge());
    }
    while (exitCode(forwardRule("-C")) == 0) {
      if (exitCode(forwardRule("-D")) != 0) {
        break;
      }
    }
    out.println("removed " + layout.dataRoot() + " and " + layout.runDir());
    out.flush();
  }

  /** Mounts a killed daemon may leave behind (overlay, netns), deepest first. */
  private static void unmountUnder(Path dir) throws IOException, InterruptedException {
    List<String> mounts = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
      String[] f = line.split(" ");
      if (f.length > 1 && f[1].startsWith(dir.toString() + "/")) {
        mounts.add(f[1]);
      }
    }
    mounts.sort(Comparator.comparingInt(String::length).reversed());
    for (String m : mounts) {
      exitCode("umount", "-l", m);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** What {@code status} prints. */
  public void status() {
    Optional<Long> pid = pid();
    boolean answers = answers();
    out.println(
        "private dockerd: "
            + (answers ? "running" : pid.isPresent() ? "not answering" : "stopped"));
    pid.ifPresent(p -> out.println("pid: " + p));
    out.println("socket: " + layout.socket());
    out.println("data-root: " + layout.dataRoot());
    if (answers) {
      try (RealEngine engine = new RealEngine(DockerHost.of(layout.dockerHost()))) {
        var v = engine.system().version();
        var info = engine.system().info();
        out.println("version: " + v.version() + " (API " + v.apiVersion() + ")");
        out.println("containers: " + info.containers() + ", images: " + info.images());
      }
      out.println("DOCKER_HOST=" + layout.dockerHost());
    }
    out.flush();
  }

  // ---- processes ---------------------------------------------------------------------------

  private static int exitCode(String... cmd) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    return p.waitFor();
  }

  private void run(Duration max, String... cmd) throws IOException, InterruptedException {
    runEnv(max, List.of(), cmd);
  }

  private void runEnv(Duration max, List<String> env, String... cmd)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    for (String kv : env) {
      String[] p = kv.split("=", 2);
      pb.environment().put(p[0], p[1]);
    }
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed:\n" + output);
    }
  }

  private static String capture(Duration max, String... cmd)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed");
    }
    return output;
  }
}
