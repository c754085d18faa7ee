package dev.ddlab.sim.image;

import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.HealthConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The container defaults an image carries, changed one Dockerfile instruction at a time, as moby's
 * dispatchers change a build's runConfig ({@code builder/dockerfile/dispatchers.go}): ENV replaces
 * a variable of the same name, EXPOSE without a protocol means tcp, ENTRYPOINT drops an inherited
 * CMD unless CMD was set since this config started. The catalogue's recipes ({@link ImageBuild})
 * and {@code commit --change} ({@link Commits}) both change configs through it, and so does the
 * builder ({@code sim.build}). Fields no instruction touched keep the value (and the null) they
 * started with.
 */
public final class RunConfig {
  private final ContainerConfig start;
  private String user;
  private Map<String, Map<String, Object>> exposedPorts;
  private List<String> env;
  private List<String> cmd;
  private Map<String, Map<String, Object>> volumes;
  private String workingDir;
  private List<String> entrypoint;
  private List<String> onBuild;
  private Map<String, String> labels;
  private String stopSignal;
  private HealthConfig healthcheck;
  private boolean cmdSet;

  public RunConfig(ContainerConfig start) {
    this.start = start;
    this.user = start.user();
    this.exposedPorts = start.exposedPorts();
    this.env = start.env();
    this.cmd = start.cmd();
    this.volumes = start.volumes();
    this.workingDir = start.workingDir();
    this.entrypoint = start.entrypoint();
    this.onBuild = start.onBuild();
    this.labels = start.labels();
    this.stopSignal = start.stopSignal();
    this.healthcheck = start.healthcheck();
  }

  /** The environment as it stands (never null). */
  public List<String> env() {
    return env == null ? List.of() : List.copyOf(env);
  }

  /** ENV key=value: replaces the variable if it was set, else appends it. */
  public void env(String key, String value) {
    List<String> next = env == null ? new ArrayList<>() : new ArrayList<>(env);
    next.removeIf(e -> e.startsWith(key + "="));
    next.add(key + "=" + value);
    env = next;
  }

  public void cmd(List<String> args) {
    cmd = List.copyOf(args);
    cmdSet = true;
  }

  /** ENTRYPOINT; an inherited CMD goes unless CMD was set since this config started. */
  public void entrypoint(List<String> args) {
    entrypoint = List.copyOf(args);
    if (!cmdSet) {
      cmd = null;
    }
  }

  public void workingDir(String dir) {
    workingDir = dir;
  }

  public void user(String u) {
    user = u;
  }

  public void stopSignal(String signal) {
    stopSignal = signal;
  }

  /** HEALTHCHECK: replaces the inherited check ({@code NONE} turns it off). */
  public void healthcheck(HealthConfig check) {
    healthcheck = check;
  }

  /** EXPOSE port[/protocol]; tcp when no protocol is given. Returns the port as stored. */
  public String expose(String port) {
    String p = port.contains("/") ? port : port + "/tcp";
    exposedPorts = with(exposedPorts, p);
    return p;
  }

  public void volume(String path) {
    volumes = with(volumes, path);
  }

  public void label(String key, String value) {
    Map<String, String> next = labels == null ? new LinkedHashMap<>() : new LinkedHashMap<>(labels);
    next.put(key, value);
    labels = next;
  }

  public void onBuild(String instruction) {
    List<String> next = onBuild == null ? new ArrayList<>() : new ArrayList<>(onBuild);
    next.add(instruction);
    onBuild = next;
  }

  private static Map<String, Map<String, Object>> with(
      Map<String, Map<String, Object>> set, String key) {
    Map<String, Map<String, Object>> next =
        set == null ? new LinkedHashMap<>() : new LinkedHashMap<>(set);
    next.put(key, Map.of());
    return next;
  }

  public ContainerConfig toConfig() {
    return new ContainerConfig(
        start.hostname(),
        start.domainname(),
        user,
        start.attachStdin(),
        start.attachStdout(),
        start.attachStderr(),
        exposedPorts,
        start.tty(),
        start.openStdin(),
        start.stdinOnce(),
        env,
        cmd,
        healthcheck,
        start.image(),
        volumes,
        workingDir,
        entrypoint,
        onBuild,
        labels,
        stopSignal,
        start.stopTimeout());
  }
}
