package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.HealthConfig;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.Mount;
import dev.ddlab.engine.dto.RestartPolicy;
import dev.ddlab.fs.UserDb;
import dev.ddlab.go.GoTime;
import dev.ddlab.sim.runtime.Signal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the daemon does with a create request's configuration before a container exists. */
final class Containers {
  private Containers() {}

  static HostConfig emptyHostConfig() {
    return HostConfig.none().toBuilder()
        .networkMode("default")
        .restartPolicy(new RestartPolicy("no", 0))
        .ipcMode("private")
        .pidMode("")
        .utsMode("")
        .build();
  }

  /** "alpine" → "alpine:latest", as the daemon names a missing image. */
  static String withTag(String ref) {
    if (ref.contains("@")) {
      return ref;
    }
    int slash = ref.lastIndexOf('/');
    return ref.indexOf(':', slash + 1) >= 0 ? ref : ref + ":latest";
  }

  /** The request's restart policy ("no" when absent), or 400 when Docker refuses it. */
  static RestartPolicy validPolicy(RestartPolicy requested) {
    RestartPolicy p =
        requested == null || requested.name() == null || requested.name().isEmpty()
            ? new RestartPolicy("no", 0)
            : requested;
    switch (p.name()) {
      case "no", "always", "unless-stopped" -> {
        if (p.maximumRetryCount() != 0) {
          throw EngineException.badRequest(
              "invalid restart policy: maximum retry count can only be used with 'on-failure'");
        }
      }
      case "on-failure" -> {
        if (p.maximumRetryCount() < 0) {
          throw EngineException.badRequest(
              "invalid restart policy: maximum retry count cannot be negative");
        }
      }
      default -> throw EngineException.badRequest("invalid restart policy '" + p.name() + "'");
    }
    return p;
  }

  /** HostConfig.NetworkMode, "default" when the request leaves it out. */
  static String networkMode(HostConfig h) {
    return h.networkMode() == null || h.networkMode().isEmpty() ? "default" : h.networkMode();
  }

  /**
   * The container's Config: the request over the image's defaults. An Entrypoint in the request
   * drops the image's Cmd; Env is the request's variables in their order, then the image's whose
   * name the request does not set (moby's daemon/commit.go merge); labels and exposed ports are
   * unions.
   */
  static ContainerConfig merge(ContainerConfig image, ContainerConfig req) {
    ContainerConfig img = image == null ? ContainerConfig.empty() : image;
    List<String> entrypoint = req.entrypoint() != null ? req.entrypoint() : img.entrypoint();
    if (entrypoint != null && entrypoint.size() == 1 && entrypoint.get(0).isEmpty()) {
      entrypoint = null;
    }
    List<String> cmd =
        req.cmd() != null && !req.cmd().isEmpty()
            ? req.cmd()
            : req.entrypoint() != null ? null : img.cmd();
    List<String> envList = mergeEnv(img.env(), req.env());
    Map<String, Map<String, Object>> exposed = union(img.exposedPorts(), req.exposedPorts());
    Map<String, Map<String, Object>> vols = union(img.volumes(), req.volumes());
    Map<String, String> labels = new LinkedHashMap<>();
    if (img.labels() != null) {
      labels.putAll(img.labels());
    }
    if (req.labels() != null) {
      labels.putAll(req.labels());
    }
    return new ContainerConfig(
        req.hostname() == null ? "" : req.hostname(),
        req.domainname() == null ? "" : req.domainname(),
        nonEmpty(req.user(), img.user()),
        req.attachStdin(),
        req.attachStdout(),
        req.attachStderr(),
        exposed,
        req.tty(),
        req.openStdin(),
        req.stdinOnce(),
        envList,
        cmd,
        mergeHealth(img.healthcheck(), req.healthcheck()),
        req.image(),
        vols,
        nonEmpty(req.workingDir(), img.workingDir()),
        entrypoint,
        req.onBuild() != null ? req.onBuild() : img.onBuild(),
        labels,
        req.stopSignal() != null && !req.stopSignal().isEmpty()
            ? req.stopSignal()
            : img.stopSignal(),
        req.stopTimeout() != null ? req.stopTimeout() : img.stopTimeout());
  }

  /**
   * moby's merge of Healthcheck: the request's, with what it leaves empty (the test, a zero
   * duration or retry count) taken from the image's.
   */
  static HealthConfig mergeHealth(HealthConfig image, HealthConfig req) {
    if (req == null) {
      return image;
    }
    if (image == null) {
      return req;
    }
    return new HealthConfig(
        req.test() == null || req.test().isEmpty() ? image.test() : req.test(),
        req.interval() != 0 ? req.interval() : image.interval(),
        req.timeout() != 0 ? req.timeout() : image.timeout(),
        req.startPeriod() != 0 ? req.startPeriod() : image.startPeriod(),
        req.retries() != 0 ? req.retries() : image.retries());
  }

  /** moby's validateHealthCheck: durations of at least 1ms (0: the default), retries ≥ 0. */
  static void checkHealthcheck(HealthConfig h) {
    if (h == null) {
      return;
    }
    long min = 1_000_000L;
    String[] names = {"Interval", "Timeout", "StartPeriod"};
    long[] values = {h.interval(), h.timeout(), h.startPeriod()};
    for (int i = 0; i < names.length; i++) {
      if (values[i] != 0 && values[i] < min) {
        throw EngineException.badRequest(
            names[i] + " in Healthcheck cannot be less than " + GoTime.durationString(min));
      }
    }
    if (h.retries() < 0) {
      throw EngineException.badRequest("Retries in Healthcheck cannot be negative");
    }
  }

  /**
   * What the daemon refuses in a create request's host config: the resources (moby's
   * verifyPlatformContainerResources, {@link ContainerResources#verify}), a negative /dev/shm and a
   * relative or root tmpfs path.
   */
  static void checkResources(HostConfig hc) {
    ContainerResources.verify(hc, false);
    if (hc.shmSize() < 0) {
      throw EngineException.badRequest("SHM size can not be less than 0");
    }
    if (hc.tmpfs() != null) {
      for (String dest : hc.tmpfs().keySet()) {
        if (!dest.startsWith("/")) {
          throw EngineException.badRequest(
              "invalid mount path: '" + dest + "' mount path must be absolute");
        }
        if (dest.equals("/")) {
          throw EngineException.badRequest("invalid specification: destination can't be '/'");
        }
      }
    }
  }

  /** The request's variables first, then each of the image's whose name the request lacks. */
  static List<String> mergeEnv(List<String> image, List<String> request) {
    if (request == null || request.isEmpty()) {
      return image == null ? new ArrayList<>() : new ArrayList<>(image);
    }
    List<String> env = new ArrayList<>(request);
    java.util.Set<String> names = new java.util.HashSet<>();
    for (String v : request) {
      names.add(envName(v));
    }
    if (image != null) {
      for (String v : image) {
        if (!names.contains(envName(v))) {
          env.add(v);
        }
      }
    }
    return env;
  }

  private static String envName(String variable) {
    int eq = variable.indexOf('=');
    return eq < 0 ? variable : variable.substring(0, eq);
  }

  private static String nonEmpty(String a, String b) {
    if (a != null && !a.isEmpty()) {
      return a;
    }
    return b == null ? "" : b;
  }

  private static Map<String, Map<String, Object>> union(
      Map<String, Map<String, Object>> a, Map<String, Map<String, Object>> b) {
    if ((a == null || a.isEmpty()) && (b == null || b.isEmpty())) {
      return null;
    }
    Map<String, Map<String, Object>> m = new LinkedHashMap<>();
    if (a != null) {
      a.keySet().forEach(k -> m.put(k, Map.of()));
    }
    if (b != null) {
      b.keySet().forEach(k -> m.put(k, Map.of()));
    }
    return m;
  }

  /** Entrypoint followed by Cmd. */
  static List<String> argv(ContainerConfig c) {
    List<String> argv = new ArrayList<>();
    if (c.entrypoint() != null) {
      argv.addAll(c.entrypoint());
    }
    if (c.cmd() != null) {
      argv.addAll(c.cmd());
    }
    return argv;
  }

  static ContainerConfig withHostname(ContainerConfig c, String hostname) {
    return new ContainerConfig(
        hostname,
        c.domainname(),
        c.user(),
        c.attachStdin(),
        c.attachStdout(),
        c.attachStderr(),
        c.exposedPorts(),
        c.tty(),
        c.openStdin(),
        c.stdinOnce(),
        c.env(),
        c.cmd(),
        c.healthcheck(),
        c.image(),
        c.volumes(),
        c.workingDir(),
        c.entrypoint(),
        c.onBuild(),
        c.labels(),
        c.stopSignal(),
        c.stopTimeout());
  }

  /**
   * The host config as the daemon stores it with this restart policy: the defaults of {@link
   * ContainerResources#adapt} filled in.
   */
  static HostConfig withPolicy(HostConfig h, RestartPolicy p) {
    return ContainerResources.adapt(
        h.toBuilder().networkMode(networkMode(h)).restartPolicy(p).build());
  }

  /** A -v spec: "name:/path[:ro]", "/host:/path[:ro]" or "/path" (anonymous). */
  static Mount parseBind(String spec) {
    String[] parts = spec.split(":");
    boolean ro = false;
    if (parts.length == 3) {
      ro = parts[2].contains("ro");
    } else if (parts.length > 3 || parts.length == 0) {
      throw EngineException.badRequest("invalid volume specification: '" + spec + "'");
    }
    if (parts.length == 1) {
      return new Mount("volume", "", parts[0], false);
    }
    String src = parts[0];
    String dst = parts[1];
    if (!dst.startsWith("/")) {
      throw EngineException.badRequest(
          "invalid volume specification: '"
              + spec
              + "': invalid mount config for type \"volume\": invalid mount path: '"
              + dst
              + "' mount path must be absolute");
    }
    return new Mount(src.startsWith("/") ? "bind" : "volume", src, dst, ro);
  }

  /** The PATH a container process gets when neither the image nor the container sets one. */
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /**
   * The environment of a container's process in its order: moby's CreateDaemonEnvironment (PATH,
   * HOSTNAME, TERM=xterm with a terminal), the container's Env replacing or appending (then an
   * exec's own), and HOME from /etc/passwd as runc adds it when nothing set it.
   */
  static Map<String, String> processEnv(
      Container c, String hostname, boolean tty, UserDb.ExecUser user, List<String> execEnv) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", DEFAULT_PATH);
    env.put("HOSTNAME", hostname);
    if (tty) {
      env.put("TERM", "xterm");
    }
    replaceOrAppend(env, c.config.env());
    replaceOrAppend(env, execEnv);
    env.putIfAbsent("HOME", user == null ? "/" : user.home());
    return env;
  }

  /**
   * moby's ReplaceOrAppendEnvValues: each "K=V" replaces or appends K; a bare "K" (what {@code -e
   * K} sends when the CLI has no K) unsets it (private dockerd: {@code docker run -e A13 alpine
   * env} lists no A13).
   */
  static void replaceOrAppend(Map<String, String> env, List<String> overrides) {
    if (overrides != null) {
      for (String e : overrides) {
        int eq = e.indexOf('=');
        if (eq < 0) {
          env.remove(e);
        } else {
          env.put(e.substring(0, eq), e.substring(eq + 1));
        }
      }
    }
  }

  static Signal stopSignal(ContainerConfig c) {
    if (c.stopSignal() != null && !c.stopSignal().isEmpty()) {
      Signal s = Signal.parse(c.stopSignal());
      if (s != null) {
        return s;
      }
    }
    return Signal.SIGTERM;
  }

  static boolean labelsMatch(Map<String, String> labels, List<String> wanted) {
    Map<String, String> l = labels == null ? Map.of() : labels;
    for (String w : wanted) {
      int eq = w.indexOf('=');
      String k = eq < 0 ? w : w.substring(0, eq);
      if (!l.containsKey(k) || (eq >= 0 && !l.get(k).equals(w.substring(eq + 1)))) {
        return false;
      }
    }
    return true;
  }

  /** Go's regexp.MatchString: an unanchored search; a bad pattern matches nothing. */
  static boolean regexFind(String pattern, String text) {
    return dev.ddlab.go.GoRegexp.matchString(pattern, text);
  }
}
