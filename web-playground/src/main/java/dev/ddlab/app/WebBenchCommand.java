package dev.ddlab.app;

import dev.ddlab.bridge.guard.GuardedEngine;
import dev.ddlab.bridge.real.DockerHost;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.ImageSummary;
import dev.ddlab.engine.dto.Network;
import dev.ddlab.engine.dto.Volume;
import dev.ddlab.session.Session;
import dev.ddlab.web.bench.LeakChecks;
import dev.ddlab.web.bench.SoakBench;
import dev.ddlab.web.bench.WebBench;
import dev.ddlab.web.term.Repls;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ddlab bench --web} and {@code --soak}: the playground's figures ({@link WebBench}) and its
 * leak checks ({@link SoakBench}), plus, for the soak with {@code --docker-host}, real-engine
 * sessions that must leave nothing on the daemon.
 */
final class WebBenchCommand {
  /** What each client types, round after round: the everyday commands of the course. */
  static final List<String> SCRIPT =
      List.of("docker ps", "docker images", "docker version", "ls -la", "docker ps -a");

  /** What each real-engine session of the soak does before it ends: one object of each kind. */
  static final List<String> REAL_SCRIPT =
      List.of(
          "docker run -d --name web alpine sleep 300",
          "docker network create soaknet",
          "docker volume create soakvol",
          "docker run --rm -v soakvol:/data alpine touch /data/x",
          "docker run -d --network soaknet --name worker alpine sleep 300",
          "docker tag alpine soak:1",
          "docker ps -a");

  /** Real-engine sessions the soak opens when given a daemon. */
  static final int REAL_SESSIONS = 100;

  private WebBenchCommand() {}

  static int web(int clients, int seconds, double warmup, PrintWriter out, PrintWriter err)
      throws Exception {
    if (clients < 1 || clients > WebBench.MAX_CLIENTS) {
      err.println("ddlab bench: --clients must be 1.." + WebBench.MAX_CLIENTS);
      return 2;
    }
    out.println(
        "ddlab bench --web — "
            + clients
            + " WebSocket clients on 127.0.0.1, one single-node session each (wall time; "
            + BenchForks.load()
            + ")");
    out.flush();
    new WebBench(new SimSessionFactory(), Repls.shell(), out)
        .run(options(clients, seconds, warmup));
    out.println("  after: " + BenchForks.load());
    out.flush();
    return 0;
  }

  static int soak(
      int clients, int minutes, double warmup, String dockerHost, PrintWriter out, PrintWriter err)
      throws Exception {
    if (clients < 1 || clients > WebBench.MAX_CLIENTS || minutes < 1) {
      err.println(
          "ddlab bench: --soak needs --minutes ≥ 1 and --clients 1.." + WebBench.MAX_CLIENTS);
      return 2;
    }
    out.println(
        "ddlab bench --soak — "
            + clients
            + " sessions typing for "
            + minutes
            + " min, then every session ends ("
            + BenchForks.load()
            + ")");
    out.flush();
    List<LeakChecks.Check> checks =
        new ArrayList<>(
            new SoakBench(new SimSessionFactory(), Repls.shell(), out)
                .run(options(clients, minutes * 60, warmup)));
    if (dockerHost == null) {
      checks.add(LeakChecks.skipped("objects", "no --docker-host (real-engine sessions)"));
    } else {
      checks.add(realSessions(dockerHost, REAL_SESSIONS, out));
    }
    out.println("  after: " + BenchForks.load());
    return LeakChecks.print(checks, out) ? 0 : 1;
  }

  private static WebBench.Options options(int clients, int seconds, double warmup) {
    return new WebBench.Options(
        clients,
        Duration.ofMillis((long) (Math.max(warmup, 10) * 1000)),
        Duration.ofSeconds(seconds),
        WebBench.Pace.HUMAN,
        SCRIPT,
        1);
  }

  /**
   * Opens {@code n} guarded sessions on the daemon (four at a time), each creating a container, a
   * network, a volume and a tag, ends them, and compares what the daemon holds with before.
   */
  private static LeakChecks.Check realSessions(String dockerHost, int n, PrintWriter out)
      throws Exception {
    RealSessionFactory factory = new RealSessionFactory(dockerHost);
    Set<String> before = inventory(dockerHost);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<String>> runs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long seed = i;
      runs.add(
          pool.submit(
              () -> {
                try (Session s = factory.open("single", seed)) {
                  for (String line : REAL_SCRIPT) {
                    s.type("node1", line);
                  }
                  return s.type("node1", "docker ps -aq | wc -l").output().strip();
                }
              }));
    }
    int withContainers = 0;
    for (Future<String> f : runs) {
      if (f.get().equals("2")) {
        withContainers++;
      }
    }
    pool.shutdown();
    out.printf(
        "ran %d real-engine sessions (%d of them saw their 2 containers before ending)%n",
        n, withContainers);
    return LeakChecks.objects(before, inventory(dockerHost), n);
  }

  /**
   * What this process's sessions could have left on the daemon: every container, image, network and
   * volume labelled with one of its session ids ({@code real-<pid>-…}) or named after the soak's
   * script ("soak…"), by kind and ID or name. Other users of a shared daemon (tests running beside
   * the soak) do not count.
   */
  static Set<String> inventory(String dockerHost) {
    String ours = "real-" + ProcessHandle.current().pid() + "-";
    try (RealEngine e = new RealEngine(DockerHost.fromEnvironment(System.getenv(), dockerHost))) {
      Set<String> all = new TreeSet<>();
      for (ContainerSummary c : e.containers().list(true, 0, false, Map.of())) {
        if (ours(c.labels(), ours) || c.names().toString().contains("soak")) {
          all.add("container " + c.id().substring(0, 12) + " " + c.names());
        }
      }
      for (ImageSummary i : e.images().list(true, Map.of())) {
        String tags = i.repoTags() == null ? "[]" : i.repoTags().toString();
        if (ours(i.labels(), ours) || tags.contains("soak")) {
          all.add("image " + i.id() + " " + tags);
        }
      }
      for (Network net : e.networks().list(Map.of())) {
        if (ours(net.labels(), ours) || net.name().contains("soak")) {
          all.add("network " + net.name());
        }
      }
      for (Volume v : e.volumes().list(Map.of())) {
        if (ours(v.labels(), ours) || v.name().contains("soak")) {
          all.add("volume " + v.name());
        }
      }
      return all;
    }
  }

  private static boolean ours(Map<String, String> labels, String prefix) {
    String session = labels == null ? null : labels.get(GuardedEngine.SESSION_LABEL);
    return session != null && session.startsWith(prefix);
  }
}
