package dev.ddlab.cli.compose.types;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loaded Compose project as compose-go's {@code types.Project} holds it: the services, networks
 * and volumes of the Compose specification after interpolation, validation and normalisation (short
 * forms made long, defaults filled in). {@code docker compose} and {@code docker stack deploy} both
 * start from this model.
 *
 * @param name the project name (folder name or {@code -p}, lower-cased and cleaned)
 * @param workingDir the project directory (relative paths in the file are resolved against it)
 * @param configFiles the compose files read, absolute
 * @param services by name, in the file's order
 * @param networks by key; {@code default} is added when a service uses no network of its own
 * @param volumes by key
 * @param environment the variables interpolation saw (the shell's over {@code .env})
 * @param secrets the top-level secrets by key (what {@code docker stack deploy} creates)
 * @param configs the top-level configs by key
 * @param disabledServices the services whose profiles are not active (compose-go's
 *     DisabledServices), by name
 * @param profiles the active profiles
 */
public record Project(
    String name,
    String workingDir,
    List<String> configFiles,
    Map<String, Service> services,
    Map<String, Network> networks,
    Map<String, Volume> volumes,
    Map<String, String> environment,
    Map<String, FileObject> secrets,
    Map<String, FileObject> configs,
    Map<String, Service> disabledServices,
    List<String> profiles) {

  /** A project with every service enabled. */
  public Project(
      String name,
      String workingDir,
      List<String> configFiles,
      Map<String, Service> services,
      Map<String, Network> networks,
      Map<String, Volume> volumes,
      Map<String, String> environment,
      Map<String, FileObject> secrets,
      Map<String, FileObject> configs) {
    this(
        name,
        workingDir,
        configFiles,
        services,
        networks,
        volumes,
        environment,
        secrets,
        configs,
        Map.of(),
        List.of());
  }

  /** One service: the container(s) compose creates from it. */
  public record Service(
      String name,
      String image,
      Build build,
      List<String> command,
      List<String> entrypoint,
      List<Port> ports,
      List<String> expose,
      Map<String, String> environment,
      Map<String, ServiceNetwork> networks,
      List<ServiceVolume> volumes,
      Map<String, DependsOn> dependsOn,
      String restart,
      Integer replicas,
      Healthcheck healthcheck,
      Map<String, String> labels,
      String containerName,
      String hostname,
      String workingDir,
      String user,
      boolean tty,
      boolean stdinOpen,
      String networkMode,
      String stopSignal,
      Integer stopGracePeriodSeconds,
      Deploy deploy,
      List<FileRef> secrets,
      List<FileRef> configs,
      List<String> profiles) {

    /** The image compose runs: {@code image}, or {@code <project>-<service>} when it builds. */
    public String imageName(String project) {
      return image != null && !image.isEmpty() ? image : project + "-" + name;
    }

    /** This service depending on {@code deps} instead. */
    public Service withDependsOn(Map<String, DependsOn> deps) {
      return new Service(
          name,
          image,
          build,
          command,
          entrypoint,
          ports,
          expose,
          environment,
          networks,
          volumes,
          deps,
          restart,
          replicas,
          healthcheck,
          labels,
          containerName,
          hostname,
          workingDir,
          user,
          tty,
          stdinOpen,
          networkMode,
          stopSignal,
          stopGracePeriodSeconds,
          deploy,
          secrets,
          configs,
          profiles);
    }

    /** compose-go's HasProfile: no profiles, or one of them active. */
    public boolean hasProfile(List<String> active) {
      return profiles.isEmpty() || profiles.stream().anyMatch(active::contains);
    }

    /** How many containers: {@code deploy.replicas} (also {@code scale}), else 1. */
    public int scale() {
      return replicas == null ? 1 : replicas;
    }
  }

  /**
   * {@code deploy:} as a swarm reads it ({@code docker stack deploy}; compose reads the replicas
   * only). Durations are as written ("10s"), sizes too ("50M"); absent values are null.
   */
  public record Deploy(
      String mode,
      Integer replicas,
      Map<String, String> labels,
      String endpointMode,
      List<String> constraints,
      List<String> preferences,
      Integer maxReplicasPerNode,
      Resources limits,
      Resources reservations,
      UpdateConfig updateConfig,
      UpdateConfig rollbackConfig,
      RestartPolicy restartPolicy) {}

  /** {@code deploy.resources.limits} or {@code .reservations}: {@code cpus} ("0.5"), memory. */
  public record Resources(String cpus, String memory) {}

  /** {@code deploy.update_config} and {@code rollback_config}. */
  public record UpdateConfig(
      Integer parallelism,
      String delay,
      String failureAction,
      String monitor,
      Double maxFailureRatio,
      String order) {}

  /** {@code deploy.restart_policy}. */
  public record RestartPolicy(String condition, String delay, Integer maxAttempts, String window) {}

  /** A service's use of a secret or config (short form: the source's name only). */
  public record FileRef(String source, String target, String uid, String gid, Integer mode) {}

  /**
   * A top-level secret or config: its content's {@code file} (absolute), or {@code external};
   * {@code name} only when the file gives one.
   */
  public record FileObject(
      String key,
      String name,
      String file,
      boolean external,
      Map<String, String> labels,
      String environment,
      String content) {

    /** A file-backed or external object (what a swarm stack takes). */
    public FileObject(
        String key, String name, String file, boolean external, Map<String, String> labels) {
      this(key, name, file, external, labels, null, null);
    }
  }

  /** {@code build:} as a context path or the long form. */
  public record Build(String context, String dockerfile, Map<String, String> args, String target) {}

  /** One published or exposed port, in the long form ({@code target}, {@code published} …). */
  public record Port(int target, String published, String protocol, String hostIp, String mode) {}

  /** One mount of a service (short {@code src:dst:ro} or long form). */
  public record ServiceVolume(
      String type,
      String source,
      String target,
      boolean readOnly,
      boolean noCopy,
      boolean createHostPath) {

    /** A volume, or a bind that must exist (the long form without create_host_path). */
    public ServiceVolume(
        String type, String source, String target, boolean readOnly, boolean noCopy) {
      this(type, source, target, readOnly, noCopy, false);
    }
  }

  /** A service's attachment to a network. */
  public record ServiceNetwork(List<String> aliases, String ipv4Address) {}

  /** {@code depends_on} entry: {@code service_started}, {@code service_healthy} … */
  public record DependsOn(String condition, boolean restart, boolean required) {}

  /** {@code healthcheck:} (durations as written, e.g. "30s"). */
  public record Healthcheck(
      List<String> test,
      String interval,
      String timeout,
      Integer retries,
      String startPeriod,
      boolean disable) {

    /**
     * The Engine's Healthcheck (compose's, and docker/cli's convertHealthcheck for a stack):
     * durations parsed as Go's; disable is NONE.
     */
    public dev.ddlab.engine.dto.HealthConfig engine() {
      if (disable) {
        return new dev.ddlab.engine.dto.HealthConfig(List.of("NONE"), 0, 0, 0, 0);
      }
      return new dev.ddlab.engine.dto.HealthConfig(
          test,
          duration(interval),
          duration(timeout),
          duration(startPeriod),
          retries == null ? 0 : retries);
    }

    private static long duration(String text) {
      Long n = text == null ? null : dev.ddlab.go.GoTime.parseDuration(text);
      return n == null ? 0 : n;
    }
  }

  /**
   * A top-level network. {@code name} is the engine's name ({@code <project>_<key>} unless set or
   * external).
   */
  public record Network(
      String key,
      String name,
      String driver,
      Map<String, String> driverOpts,
      boolean attachable,
      boolean internal,
      boolean external,
      IpamConfig ipam,
      Map<String, String> labels) {}

  /** {@code ipam:} of a network (compose-go's IPAMConfig). */
  public record IpamConfig(String driver, List<IpamPool> config, Map<String, String> options) {
    /**
     * The Engine API's IPAM for this block (compose's create.go and the stack's convert.Networks
     * copy each pool field by field); {@code defaultDriver} stands in for an unset driver.
     */
    public dev.ddlab.engine.dto.Ipam toEngine(String defaultDriver) {
      List<dev.ddlab.engine.dto.Ipam.Config> out = new ArrayList<>();
      for (IpamPool p : config) {
        out.add(
            new dev.ddlab.engine.dto.Ipam.Config(
                p.subnet(),
                p.ipRange(),
                p.gateway(),
                p.auxAddresses() == null || p.auxAddresses().isEmpty() ? null : p.auxAddresses()));
      }
      return new dev.ddlab.engine.dto.Ipam(driver == null ? defaultDriver : driver, options, out);
    }
  }

  /**
   * One {@code ipam.config} entry (compose-go's IPAMPool): {@code subnet}, {@code gateway}, {@code
   * ip_range} and {@code aux_addresses}, each null (or empty) when not given.
   */
  public record IpamPool(
      String subnet, String gateway, String ipRange, Map<String, String> auxAddresses) {}

  /** A top-level volume; {@code name} as for networks. */
  public record Volume(
      String key,
      String name,
      String driver,
      Map<String, String> driverOpts,
      boolean external,
      Map<String, String> labels) {}

  /** Service names in the order compose starts them: dependencies first, then by name. */
  public List<String> startOrder() {
    List<String> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String s : new java.util.TreeSet<>(services.keySet())) {
      visit(s, seen, out);
    }
    return out;
  }

  private void visit(String s, Set<String> seen, List<String> out) {
    if (!seen.add(s)) {
      return;
    }
    Service svc = services.get(s);
    if (svc != null) {
      for (String d : new java.util.TreeSet<>(svc.dependsOn().keySet())) {
        visit(d, seen, out);
      }
    }
    out.add(s);
  }

  /**
   * compose's Graph.HasCycles over depends_on (services by name): the first cycle's path, {@code a
   * -> b -> a}, or null when there is none.
   */
  public String cycle() {
    List<String> finished = new ArrayList<>();
    for (String s : new java.util.TreeSet<>(services.keySet())) {
      if (!finished.contains(s)) {
        String found = cycleFrom(s, new ArrayList<>(List.of(s)), new ArrayList<>(), finished);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private String cycleFrom(
      String key, List<String> path, List<String> discovered, List<String> finished) {
    discovered.add(key);
    Service svc = services.get(key);
    for (String d :
        svc == null ? List.<String>of() : new java.util.TreeSet<>(svc.dependsOn().keySet())) {
      List<String> next = new ArrayList<>(path);
      next.add(d);
      if (discovered.contains(d)) {
        return String.join(" -> ", next);
      }
      if (!finished.contains(d)) {
        String found = cycleFrom(d, next, discovered, finished);
        if (found != null) {
          return found;
        }
      }
    }
    discovered.remove(key);
    finished.add(key);
    return null;
  }

  /** This project with only the named services and what they depend on (none named: all). */
  public Project select(List<String> names) {
    if (names == null || names.isEmpty()) {
      return this;
    }
    Set<String> keep = new LinkedHashSet<>();
    for (String n : names) {
      addWithDeps(n, keep);
    }
    Map<String, Service> s = new LinkedHashMap<>();
    services.forEach(
        (k, v) -> {
          if (keep.contains(k)) {
            s.put(k, v);
          }
        });
    return with(s, disabledServices, profiles);
  }

  /**
   * compose-go's ApplyProfiles: the services of no profile or of an active one stay, the others
   * become disabled; {@code *} keeps them all.
   */
  public Project withProfiles(List<String> active) {
    Map<String, Service> all = allServices();
    if (active.contains("*")) {
      return with(all, Map.of(), active);
    }
    Map<String, Service> enabled = new LinkedHashMap<>();
    Map<String, Service> disabled = new LinkedHashMap<>();
    all.forEach((k, v) -> (v.hasProfile(active) ? enabled : disabled).put(k, v));
    return with(enabled, disabled, active);
  }

  /**
   * compose-go's EnableServices: naming a disabled service on the command line activates its
   * profiles (and so every service of those profiles). A name no service has is {@code no such
   * service: x}.
   */
  public Project enable(List<String> names) {
    List<String> active = new ArrayList<>(profiles);
    for (String n : names) {
      if (services.containsKey(n)) {
        continue;
      }
      Service d = disabledServices.get(n);
      if (d == null) {
        throw new IllegalArgumentException("no such service: " + n);
      }
      for (String p : d.profiles()) {
        if (!active.contains(p)) {
          active.add(p);
        }
      }
    }
    return active.equals(profiles) ? this : withProfiles(active);
  }

  /**
   * This project, after checking that no required dependency of the services to start ({@code
   * names} and theirs, or all) is disabled; optional ones ({@code required: false}) that are
   * disabled are dropped.
   *
   * @throws IllegalArgumentException with compose's words
   */
  public Project requireDependencies(List<String> names) {
    Set<String> start = new LinkedHashSet<>();
    if (names == null || names.isEmpty()) {
      start.addAll(services.keySet());
    } else {
      names.forEach(n -> addWithDeps(n, start));
    }
    Map<String, Service> kept = new LinkedHashMap<>(services);
    for (String n : start) {
      Service s = services.get(n);
      if (s == null) {
        continue;
      }
      Map<String, DependsOn> deps = new LinkedHashMap<>(s.dependsOn());
      for (Map.Entry<String, DependsOn> d : s.dependsOn().entrySet()) {
        Service off = disabledServices.get(d.getKey());
        if (off == null) {
          continue;
        }
        if (!d.getValue().required()) {
          deps.remove(d.getKey());
        } else if (names != null && !names.isEmpty()) {
          throw new IllegalArgumentException("no such service: " + d.getKey());
        } else {
          throw new IllegalArgumentException(
              "service "
                  + d.getKey()
                  + " is required by "
                  + n
                  + " but is disabled. Can be enabled by profiles ["
                  + String.join(" ", off.profiles())
                  + "]");
        }
      }
      if (deps.size() != s.dependsOn().size()) {
        kept.put(n, s.withDependsOn(deps));
      }
    }
    return kept.equals(services) ? this : with(kept, disabledServices, profiles);
  }

  /** Every service the files define: the enabled ones, then the disabled ones. */
  public Map<String, Service> allServices() {
    Map<String, Service> all = new LinkedHashMap<>(services);
    all.putAll(disabledServices);
    return all;
  }

  private Project with(
      Map<String, Service> enabled, Map<String, Service> disabled, List<String> active) {
    return new Project(
        name,
        workingDir,
        configFiles,
        enabled,
        networks,
        volumes,
        environment,
        secrets,
        configs,
        disabled,
        List.copyOf(active));
  }

  private void addWithDeps(String n, Set<String> keep) {
    if (keep.add(n) && services.containsKey(n)) {
      for (String d : services.get(n).dependsOn().keySet()) {
        addWithDeps(d, keep);
      }
    }
  }
}
