package dev.ddlab.cli.command;

import dev.ddlab.cli.CliContext;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.LogConfig;
import dev.ddlab.engine.dto.Mount;
import dev.ddlab.engine.dto.NetworkingConfig;
import dev.ddlab.engine.dto.PortBinding;
import dev.ddlab.engine.dto.RestartPolicy;
import dev.ddlab.engine.dto.Ulimit;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * docker/cli's containerOptions (container/opts.go): the flags shared by run and create, and their
 * translation into the create request's Config, HostConfig and NetworkingConfig. Parse problems are
 * CliExceptions whose text docker prints after "docker: ".
 */
public final class ContainerOptions {
  @Option(
      names = {"-a", "--attach"},
      paramLabel = "list",
      description = "Attach to STDIN, STDOUT or STDERR")
  List<String> attach = new ArrayList<>();

  @Option(names = "--cap-add", paramLabel = "list", description = "Add Linux capabilities")
  List<String> capAdd = new ArrayList<>();

  @Option(names = "--cap-drop", paramLabel = "list", description = "Drop Linux capabilities")
  List<String> capDrop = new ArrayList<>();

  @Option(
      names = "--device",
      paramLabel = "list",
      description = "Add a host device to the container")
  List<String> devices = new ArrayList<>();

  @Option(names = "--dns", paramLabel = "list", description = "Set custom DNS servers")
  List<String> dns = new ArrayList<>();

  @Option(names = "--dns-option", paramLabel = "list", description = "Set DNS options")
  List<String> dnsOption = new ArrayList<>();

  @Option(
      names = "--add-host",
      paramLabel = "list",
      description = "Add a custom host-to-IP mapping (host:ip)")
  List<String> addHost = new ArrayList<>();

  @Option(
      names = "--dns-search",
      paramLabel = "list",
      description = "Set custom DNS search domains")
  List<String> dnsSearch = new ArrayList<>();

  @Option(
      names = "--entrypoint",
      paramLabel = "string",
      description = "Overwrite the default ENTRYPOINT of the image")
  String entrypoint;

  @Option(
      names = {"-e", "--env"},
      paramLabel = "list",
      description = "Set environment variables")
  List<String> env = new ArrayList<>();

  @Option(
      names = "--env-file",
      paramLabel = "list",
      description = "Read in a file of environment variables")
  List<String> envFile = new ArrayList<>();

  @Option(
      names = {"-h", "--hostname"},
      paramLabel = "string",
      description = "Container host name")
  String hostname = "";

  @Option(
      names = "--init",
      description = "Run an init inside the container that forwards signals and reaps processes")
  boolean init;

  @Option(
      names = {"-i", "--interactive"},
      description = "Keep STDIN open even if not attached")
  boolean interactive;

  @Option(
      names = "--ip",
      paramLabel = "string",
      description = "IPv4 address (e.g., 172.30.100.104)")
  String ip = "";

  @Option(names = "--ipc", paramLabel = "string", description = "IPC mode to use")
  String ipc = "";

  @Option(
      names = {"-l", "--label"},
      paramLabel = "list",
      description = "Set meta data on a container")
  List<String> labels = new ArrayList<>();

  @Option(
      names = "--label-file",
      paramLabel = "list",
      description = "Read in a line delimited file of labels")
  List<String> labelFiles = new ArrayList<>();

  @Option(names = "--read-only", description = "Mount the container's root filesystem as read only")
  boolean readOnly;

  @Option(names = "--shm-size", paramLabel = "bytes", description = "Size of /dev/shm")
  String shmSize;

  @Option(names = "--tmpfs", paramLabel = "list", description = "Mount a tmpfs directory")
  List<String> tmpfs = new ArrayList<>();

  @Option(names = "--ulimit", paramLabel = "ulimit", description = "Ulimit options (default [])")
  List<String> ulimits = new ArrayList<>();

  @Option(
      names = "--mount",
      paramLabel = "mount",
      description = "Attach a filesystem mount to the container")
  List<String> mounts = new ArrayList<>();

  @Option(names = "--name", paramLabel = "string", description = "Assign a name to the container")
  String name = "";

  @Option(
      names = {"--network", "--net"},
      paramLabel = "network",
      description = "Connect a container to a network")
  String network = "";

  @Option(names = "--pid", paramLabel = "string", description = "PID namespace to use")
  String pid = "";

  @Option(
      names = "--platform",
      paramLabel = "string",
      description = "Set platform if server is multi-platform capable")
  String platform;

  @Option(names = "--privileged", description = "Give extended privileges to this container")
  boolean privileged;

  @Option(
      names = {"-p", "--publish"},
      paramLabel = "list",
      description = "Publish a container's port(s) to the host")
  List<String> publish = new ArrayList<>();

  @Option(
      names = "--expose",
      paramLabel = "list",
      description = "Expose a port or a range of ports")
  List<String> expose = new ArrayList<>();

  @Option(
      names = {"-P", "--publish-all"},
      description = "Publish all exposed ports to random ports")
  boolean publishAll;

  @Option(
      names = "--restart",
      paramLabel = "string",
      description = "Restart policy to apply when a container exits",
      defaultValue = "no")
  String restart = "no";

  @Option(names = "--rm", description = "Automatically remove the container when it exits")
  boolean rm;

  @Option(names = "--security-opt", paramLabel = "list", description = "Security Options")
  List<String> securityOpt = new ArrayList<>();

  @Mixin HealthFlags health = new HealthFlags();

  @Mixin ResourceFlags resources = new ResourceFlags();

  @Option(
      names = "--memory-swap",
      paramLabel = "bytes",
      description = "Swap limit equal to memory plus swap: '-1' to enable unlimited swap")
  String memorySwap;

  @Option(
      names = "--cpu-rt-period",
      paramLabel = "int",
      description = "Limit CPU real-time period in microseconds")
  long cpuRtPeriod;

  @Option(
      names = "--cpu-rt-runtime",
      paramLabel = "int",
      description = "Limit CPU real-time runtime in microseconds")
  long cpuRtRuntime;

  @Option(
      names = "--stop-signal",
      paramLabel = "string",
      description = "Signal to stop the container")
  String stopSignal;

  @Option(
      names = "--stop-timeout",
      paramLabel = "int",
      description = "Timeout (in seconds) to stop a container")
  Integer stopTimeout;

  @Option(
      names = {"-t", "--tty"},
      description = "Allocate a pseudo-TTY")
  boolean tty;

  @Option(
      names = {"-u", "--user"},
      paramLabel = "string",
      description = "Username or UID (format: <name|uid>[:<group|gid>])")
  String user = "";

  @Option(names = "--uts", paramLabel = "string", description = "UTS namespace to use")
  String uts = "";

  @Option(
      names = {"-v", "--volume"},
      paramLabel = "list",
      description = "Bind mount a volume")
  List<String> volumes = new ArrayList<>();

  @Option(
      names = "--volumes-from",
      paramLabel = "list",
      description = "Mount volumes from the specified container(s)")
  List<String> volumesFrom = new ArrayList<>();

  @Option(
      names = {"-w", "--workdir"},
      paramLabel = "string",
      description = "Working directory inside the container")
  String workdir = "";

  /** The three parts of POST /containers/create. */
  record Request(ContainerConfig config, HostConfig hostConfig, NetworkingConfig networking) {}

  static RestartPolicy restartPolicy(String policy) {
    if (policy.isEmpty()) {
      return new RestartPolicy("", 0);
    }
    String[] parts = policy.split(":", -1);
    if (parts.length > 2) {
      throw new CliException(
          "invalid restart policy format: maximum retry count must be an integer", 125);
    }
    String name = parts[0];
    switch (name) {
      case "no", "always", "unless-stopped" -> {
        if (parts.length == 2) {
          throw new CliException(
              "invalid restart policy format: maximum retry count can only be used with 'on-failure'",
              125);
        }
        return new RestartPolicy(name, 0);
      }
      case "on-failure" -> {
        int count = 0;
        if (parts.length == 2) {
          try {
            count = Integer.parseInt(parts[1]);
          } catch (NumberFormatException e) {
            throw new CliException(
                "invalid restart policy format: maximum retry count must be an integer", 125);
          }
        }
        return new RestartPolicy(name, count);
      }
      default -> throw new CliException("invalid restart policy " + name, 125);
    }
  }

  /**
   * The create request these options make; {@code consoleSize} is the CLI's terminal size ({@link
   * dev.ddlab.client.CommandIo#ttySize()}).
   */
  Request build(
      String image,
      List<String> cmd,
      boolean detach,
      CliContext ctx,
      List<Long> consoleSize,
      Map<String, String> cliEnv) {
    RestartPolicy policy = restartPolicy(restart);
    if (rm && !policy.name().equals("no") && !policy.name().isEmpty()) {
      throw new CliException("Conflicting options: --restart and --rm", 125);
    }
    Map<String, Map<String, Object>> exposed = new LinkedHashMap<>();
    Map<String, List<PortBinding>> bindings = new LinkedHashMap<>();
    for (String p : publish) {
      parsePublish(p, exposed, bindings);
    }
    for (String e : expose) {
      parseExpose(e, exposed);
    }
    List<String> envs = new ArrayList<>();
    for (String file : envFile) {
      envs.addAll(readEnvFile(ctx, file));
    }
    for (String e : env) {
      if (e.startsWith("=")) {
        throw new CliException("invalid environment variable: " + e, 125);
      }
      envs.add(withCliValue(e, cliEnv));
    }
    Map<String, String> labelMap = new LinkedHashMap<>();
    for (String file : labelFiles) {
      for (String line : readLines(ctx, file)) {
        int eq = line.indexOf('=');
        labelMap.put(eq < 0 ? line : line.substring(0, eq), eq < 0 ? "" : line.substring(eq + 1));
      }
    }
    labelMap.putAll(DockerCommand.kv(labels));
    List<String> binds = new ArrayList<>();
    Map<String, Map<String, Object>> anonVolumes = new LinkedHashMap<>();
    for (String v : volumes) {
      String[] parts = v.split(":");
      if (parts.length == 1) {
        if (!v.startsWith("/")) {
          throw new CliException("invalid volume specification: '" + v + "'", 125);
        }
        anonVolumes.put(v, Map.of());
      } else if (parts.length <= 3) {
        if (!parts[1].startsWith("/")) {
          throw new CliException(
              "invalid volume specification: '"
                  + v
                  + "': invalid mount config for type \"volume\": invalid mount path: '"
                  + parts[1]
                  + "' mount path must be absolute",
              125);
        }
        binds.add(v);
      } else {
        throw new CliException("invalid volume specification: '" + v + "'", 125);
      }
    }
    List<Mount> mountList = new ArrayList<>();
    for (String m : mounts) {
      mountList.add(parseMount(m));
    }
    List<Map<String, String>> deviceList = new ArrayList<>();
    for (String d : devices) {
      String[] parts = d.split(":");
      Map<String, String> dev = new LinkedHashMap<>();
      dev.put("PathOnHost", parts[0]);
      dev.put("PathInContainer", parts.length > 1 ? parts[1] : parts[0]);
      dev.put("CgroupPermissions", parts.length > 2 ? parts[2] : "rwm");
      deviceList.add(dev);
    }
    List<String> entry = entrypoint == null ? null : List.of(entrypoint);
    boolean attachStdin = interactive || attach.stream().anyMatch(a -> a.equalsIgnoreCase("stdin"));
    boolean attachStdout =
        !detach
            && (attach.isEmpty() || attach.stream().anyMatch(a -> a.equalsIgnoreCase("stdout")));
    boolean attachStderr =
        !detach
            && (attach.isEmpty() || attach.stream().anyMatch(a -> a.equalsIgnoreCase("stderr")));
    if (detach) {
      attachStdin = false;
    }
    ContainerConfig config =
        new ContainerConfig(
            hostname,
            "",
            user,
            attachStdin,
            attachStdout,
            attachStderr,
            exposed.isEmpty() ? null : exposed,
            tty,
            interactive,
            interactive && !detach,
            envs.isEmpty() ? null : envs,
            cmd.isEmpty() ? null : cmd,
            health.config(125),
            image,
            anonVolumes.isEmpty() ? null : anonVolumes,
            workdir,
            entry,
            null,
            labelMap.isEmpty() ? Map.of() : labelMap,
            stopSignal,
            stopTimeout);
    long shm = shmSize == null ? 0 : ResourceFlags.bytes("--shm-size", shmSize, false);
    Map<String, String> tmpfsMap = new LinkedHashMap<>();
    for (String t : tmpfs) {
      int colon = t.indexOf(':');
      tmpfsMap.put(colon < 0 ? t : t.substring(0, colon), colon < 0 ? "" : t.substring(colon + 1));
    }
    Map<String, Ulimit> ulimitMap = new LinkedHashMap<>();
    for (String u : ulimits) {
      Ulimit parsed = parseUlimit(u);
      ulimitMap.put(parsed.name(), parsed);
    }
    String netMode = network.isEmpty() ? "default" : network;
    HostConfig host =
        HostConfig.none().toBuilder()
            .binds(binds.isEmpty() ? null : binds)
            .containerIdFile("")
            .logConfig(new LogConfig("", Map.of()))
            .networkMode(netMode)
            .portBindings(bindings)
            .restartPolicy(policy)
            .autoRemove(rm)
            .volumeDriver("")
            .volumesFrom(volumesFrom.isEmpty() ? null : List.copyOf(volumesFrom))
            .consoleSize(consoleSize)
            .capAdd(capAdd.isEmpty() ? null : capAdd)
            .capDrop(capDrop.isEmpty() ? null : capDrop)
            .cgroupnsMode("")
            .dns(dns)
            .dnsOptions(dnsOption)
            .dnsSearch(dnsSearch)
            .extraHosts(extraHosts())
            .ipcMode(ipc)
            .cgroup("")
            .pidMode(pid)
            .privileged(privileged)
            .publishAllPorts(publishAll)
            .readonlyRootfs(readOnly)
            .securityOpt(securityOpt.isEmpty() ? null : securityOpt)
            .tmpfs(tmpfsMap.isEmpty() ? null : tmpfsMap)
            .utsMode(uts)
            .usernsMode("")
            .shmSize(shm)
            .isolation("")
            .cpuShares(resources.cpuShares)
            .memory(resources.memoryBytes())
            .nanoCpus(resources.nanoCpus())
            .cgroupParent("")
            .blkioWeight(resources.blkioWeightValue())
            .blkioWeightDevice(List.of())
            .blkioDeviceReadBps(List.of())
            .blkioDeviceWriteBps(List.of())
            .blkioDeviceReadIOps(List.of())
            .blkioDeviceWriteIOps(List.of())
            .cpuPeriod(resources.cpuPeriod)
            .cpuQuota(resources.cpuQuota)
            .cpuRealtimePeriod(cpuRtPeriod)
            .cpuRealtimeRuntime(cpuRtRuntime)
            .cpusetCpus(resources.cpusetCpus)
            .cpusetMems(resources.cpusetMems)
            .devices(deviceList)
            .memoryReservation(resources.memoryReservationBytes())
            .memorySwap(ResourceFlags.swapBytes(memorySwap))
            .pidsLimit(resources.pidsLimit)
            .ulimits(List.copyOf(ulimitMap.values()))
            .mounts(mountList.isEmpty() ? null : mountList)
            .init(init ? Boolean.TRUE : null)
            .build();
    Map<String, EndpointSettings> endpoints = new LinkedHashMap<>();
    if (!network.isEmpty() && !network.equals("default")) {
      endpoints.put(network, EndpointSettings.request(ip.isEmpty() ? null : ip, null));
    } else if (!ip.isEmpty()) {
      // docker/cli puts the address on the endpoint of NetworkMode, "default" here: dockerd refuses
      endpoints.put("default", EndpointSettings.request(ip, null));
    }
    return new Request(config, host, new NetworkingConfig(endpoints));
  }

  /** The resources {@code --ulimit} may set (go-units' names). */
  private static final java.util.Set<String> ULIMIT_NAMES =
      java.util.Set.of(
          "core",
          "cpu",
          "data",
          "fsize",
          "locks",
          "memlock",
          "msgqueue",
          "nice",
          "nofile",
          "nproc",
          "rss",
          "rtprio",
          "rttime",
          "sigpending",
          "stack");

  /** {@code --ulimit name=soft[:hard]}, with go-units' ParseUlimit errors. */
  static Ulimit parseUlimit(String spec) {
    String error;
    int eq = spec.indexOf('=');
    if (eq < 0) {
      error = "invalid ulimit argument: " + spec;
    } else if (!ULIMIT_NAMES.contains(spec.substring(0, eq))) {
      error = "invalid ulimit type: " + spec.substring(0, eq);
    } else {
      String[] values = spec.substring(eq + 1).split(":", -1);
      if (values.length > 2) {
        error =
            "too many limit value arguments - "
                + spec.substring(eq + 1)
                + ", can only have up to two, `soft[:hard]`";
      } else {
        try {
          long soft = parseInt64(values[0]);
          long hard = values.length == 2 ? parseInt64(values[1]) : soft;
          if (soft > hard) {
            error =
                "ulimit soft limit must be less than or equal to hard limit: "
                    + soft
                    + " > "
                    + hard;
          } else {
            return new Ulimit(spec.substring(0, eq), hard, soft);
          }
        } catch (IllegalArgumentException e) {
          error = e.getMessage();
        }
      }
    }
    throw new FlagError("invalid argument \"" + spec + "\" for \"--ulimit\" flag: " + error);
  }

  /** strconv.ParseInt(s, 10, 64), with Go's error text. */
  private static long parseInt64(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      String why = s.matches("[+-]?\\d+") ? "value out of range" : "invalid syntax";
      throw new IllegalArgumentException("strconv.ParseInt: parsing \"" + s + "\": " + why);
    }
  }

  /** -p in its short (ip:host:container/proto, ranges) and long (published=,target=) forms. */
  static void parsePublish(
      String spec,
      Map<String, Map<String, Object>> exposed,
      Map<String, List<PortBinding>> bindings) {
    if (spec.contains("=")) {
      String published = "";
      String target = null;
      String protocol = "tcp";
      String hostIp = "";
      for (String kv : spec.split(",")) {
        String[] p = kv.split("=", 2);
        if (p.length != 2) {
          throw new CliException("invalid field '" + kv + "' must be a key=value pair", 125);
        }
        switch (p[0].toLowerCase()) {
          case "published" -> published = p[1];
          case "target" -> target = p[1];
          case "protocol" -> protocol = p[1];
          case "mode" -> {}
          case "host-ip" -> hostIp = p[1];
          default -> throw new CliException("invalid field key " + p[0], 125);
        }
      }
      if (target == null) {
        throw new CliException("missing mandatory field \"target\"", 125);
      }
      String key = target + "/" + protocol;
      exposed.put(key, Map.of());
      bindings.computeIfAbsent(key, k -> new ArrayList<>()).add(new PortBinding(hostIp, published));
      return;
    }
    String proto = "tcp";
    String rest = spec;
    int slash = spec.lastIndexOf('/');
    if (slash >= 0) {
      proto = spec.substring(slash + 1).toLowerCase();
      rest = spec.substring(0, slash);
    }
    String ip = "";
    String hostPart = "";
    String containerPart;
    int lastColon = rest.lastIndexOf(':');
    if (lastColon < 0) {
      containerPart = rest;
    } else {
      containerPart = rest.substring(lastColon + 1);
      String before = rest.substring(0, lastColon);
      int c2 = before.lastIndexOf(':');
      if (before.startsWith("[")) {
        int close = before.indexOf(']');
        ip = before.substring(1, close);
        hostPart = before.length() > close + 2 ? before.substring(close + 2) : "";
      } else if (c2 >= 0) {
        ip = before.substring(0, c2);
        hostPart = before.substring(c2 + 1);
      } else {
        hostPart = before;
      }
    }
    // go-connections' nat.ParsePortSpec checks in this order: address, ports, ranges, protocol
    if (!ip.isEmpty() && !isIpAddress(ip)) {
      throw new CliException("invalid IP address: " + ip, 125);
    }
    if (containerPart.isEmpty()) {
      throw new CliException("no port specified: " + spec + "<empty>", 125);
    }
    int[] cr = range(containerPart, "invalid containerPort: " + containerPart);
    int[] hr = hostPart.isEmpty() ? null : range(hostPart, "invalid hostPort: " + hostPart);
    if (hr != null && hr[1] - hr[0] != cr[1] - cr[0] && hr[0] != hr[1]) {
      throw new CliException(
          "invalid ranges specified for container and host Ports: "
              + containerPart
              + " and "
              + hostPart,
          125);
    }
    if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
      throw new CliException("invalid proto: " + proto, 125);
    }
    for (int p = cr[0]; p <= cr[1]; p++) {
      String key = p + "/" + proto;
      exposed.put(key, Map.of());
      String hp = "";
      if (hr != null) {
        hp = hr[0] == hr[1] ? Integer.toString(hr[0]) : Integer.toString(hr[0] + (p - cr[0]));
      }
      bindings.computeIfAbsent(key, k -> new ArrayList<>()).add(new PortBinding(ip, hp));
    }
  }

  /**
   * {@code --expose 80}, {@code 80/udp}, {@code 8000-8002}: exposed without a host binding, with
   * docker/cli's errors around go-connections' nat.ParsePortRange.
   */
  private static void parseExpose(String spec, Map<String, Map<String, Object>> exposed) {
    if (spec.contains(":")) {
      throw new CliException("invalid port format for --expose: " + spec, 125);
    }
    int slash = spec.lastIndexOf('/');
    String proto = slash < 0 ? "tcp" : spec.substring(slash + 1).toLowerCase();
    String port = slash < 0 ? spec : spec.substring(0, slash);
    int[] r;
    try {
      r = portRange(port);
    } catch (IllegalArgumentException e) {
      throw new CliException(
          "invalid range format for --expose: " + spec + ", error: " + e.getMessage(), 125);
    }
    for (int p = r[0]; p <= r[1]; p++) {
      exposed.put(p + "/" + proto, Map.of());
    }
  }

  /** nat.ParsePortRange: "80" or "8000-8002", each part strconv.ParseUint(s, 10, 16). */
  private static int[] portRange(String ports) {
    if (ports.isEmpty()) {
      throw new IllegalArgumentException("empty string specified for ports");
    }
    String[] parts = ports.split("-", -1);
    int start = parseUint16(parts[0]);
    int end = parts.length > 1 ? parseUint16(parts[1]) : start;
    if (end < start) {
      throw new IllegalArgumentException("invalid range specified for port: " + ports);
    }
    return new int[] {start, end};
  }

  private static int parseUint16(String s) {
    if (!s.matches("\\d+")) {
      throw new IllegalArgumentException(
          "strconv.ParseUint: parsing \"" + s + "\": invalid syntax");
    }
    if (s.length() > 5 || Integer.parseInt(s) > 65535) {
      throw new IllegalArgumentException(
          "strconv.ParseUint: parsing \"" + s + "\": value out of range");
    }
    return Integer.parseInt(s);
  }

  /** {@code --add-host name:ip} as opts.ValidateExtraHost checks it; null when none given. */
  private List<String> extraHosts() {
    if (addHost.isEmpty()) {
      return null;
    }
    for (String h : addHost) {
      int colon = h.indexOf(':');
      String ip = colon < 0 ? "" : h.substring(colon + 1);
      if (colon <= 0) {
        throw new CliException(
            "invalid argument \""
                + h
                + "\" for \"--add-host\" flag: bad format for add-host: \""
                + h
                + "\"",
            125);
      }
      if (!ip.equals("host-gateway") && !isIpAddress(ip)) {
        throw new CliException(
            "invalid argument \""
                + h
                + "\" for \"--add-host\" flag: invalid IP address in add-host: \""
                + ip
                + "\"",
            125);
      }
    }
    return List.copyOf(addHost);
  }

  /** Go's net.ParseIP: a dotted quad, or an IPv6 literal. */
  private static boolean isIpAddress(String ip) {
    if (ip.matches(
        "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}")) {
      return true;
    }
    if (!ip.contains(":") || !ip.matches("[0-9A-Fa-f:.]+")) {
      return false;
    }
    try {
      // an IPv6 literal: parsed without any lookup
      return java.net.InetAddress.getByName(ip) instanceof java.net.Inet6Address
          || ip.startsWith("::ffff:");
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static int[] range(String s, String error) {
    try {
      int dash = s.indexOf('-');
      int a = Integer.parseInt(dash < 0 ? s : s.substring(0, dash));
      int b = dash < 0 ? a : Integer.parseInt(s.substring(dash + 1));
      if (a < 0 || b > 65535 || b < a) {
        throw new NumberFormatException();
      }
      return new int[] {a, b};
    } catch (NumberFormatException e) {
      throw new CliException(error, 125);
    }
  }

  /**
   * docker/cli's opts.MountOpt: comma-separated key=value fields, checked as the CLI does (run,
   * create and service create).
   */
  static Mount parseMount(String spec) {
    return parseMount(spec, "--mount");
  }

  /** {@link #parseMount(String)} for another flag ({@code --mount-add}), named in its errors. */
  static Mount parseMount(String spec, String flag) {
    String type = "volume";
    String source = "";
    String target = null;
    boolean ro = false;
    long tmpfsSize = 0;
    int tmpfsMode = 0;
    boolean tmpfsOptions = false;
    String bad = "invalid argument \"" + spec + "\" for \"" + flag + "\" flag: ";
    for (String kv : spec.split(",")) {
      String[] p = kv.split("=", 2);
      String key = p[0].toLowerCase();
      String value = p.length > 1 ? p[1] : "";
      switch (key) {
        case "type" -> type = value;
        case "source", "src" -> source = value;
        case "target", "destination", "dst" -> target = value;
        case "readonly", "ro" -> ro = bool(p.length == 1 ? "true" : value, key, bad);
        case "volume-nocopy" -> bool(p.length == 1 ? "true" : value, key, bad);
        case "consistency",
            "bind-propagation",
            "bind-nonrecursive",
            "volume-driver",
            "volume-label",
            "volume-opt" -> {}
        case "tmpfs-size" -> {
          tmpfsOptions = true;
          try {
            tmpfsSize = dev.ddlab.go.GoUnits.ramInBytes(value);
          } catch (IllegalArgumentException e) {
            throw new CliException(bad + "invalid value for " + key + ": " + value, 125);
          }
        }
        case "tmpfs-mode" -> {
          tmpfsOptions = true;
          try {
            long mode = Long.parseUnsignedLong(value, 8);
            if (mode > 0xffffffffL) {
              throw new NumberFormatException();
            }
            tmpfsMode = (int) mode;
          } catch (NumberFormatException e) {
            throw new CliException(bad + "invalid value for " + key + ": " + value, 125);
          }
        }
        default -> {
          if (p.length == 1) {
            throw new CliException(
                bad + "invalid field '" + kv + "' must be a key=value pair", 125);
          }
          throw new CliException(bad + "unexpected key '" + key + "' in '" + kv + "'", 125);
        }
      }
    }
    if (target == null) {
      throw new CliException(bad + "target is required", 125);
    }
    if (tmpfsOptions && !type.equals("tmpfs")) {
      throw new CliException(
          bad + "cannot mix 'tmpfs-*' options with mount type '" + type + "'", 125);
    }
    return new Mount(
        type,
        source,
        target,
        ro,
        null,
        tmpfsOptions ? new Mount.TmpfsOptions(tmpfsSize, tmpfsMode) : null);
  }

  private static boolean bool(String value, String key, String bad) {
    return switch (value.toLowerCase()) {
      case "1", "t", "true" -> true;
      case "0", "f", "false" -> false;
      default -> throw new CliException(bad + "invalid value for " + key + ": " + value, 125);
    };
  }

  private static List<String> readEnvFile(CliContext ctx, String file) {
    List<String> out = new ArrayList<>();
    for (String l : readLines(ctx, file)) {
      if (l.contains("=")) {
        out.add(l);
      }
    }
    return out;
  }

  /**
   * docker/cli's ValidateEnv for {@code -e}: a bare NAME takes the CLI's own value, or goes as it
   * is (the daemon keeps it in Config.Env, and the process gets no such variable).
   */
  static String withCliValue(String e, Map<String, String> cliEnv) {
    String own = e.contains("=") ? null : cliEnv.get(e);
    return own == null ? e : e + "=" + own;
  }

  /** {@link #withCliValue} over each. */
  static List<String> withCliValues(List<String> env, Map<String, String> cliEnv) {
    return env.stream().map(e -> withCliValue(e, cliEnv)).toList();
  }

  /**
   * The lines of an --env-file or --label-file on the client's host, trimmed, without blank lines
   * and comments.
   */
  private static List<String> readLines(CliContext ctx, String file) {
    if (ctx.hostFs() == null) {
      throw new CliException("open " + file + ": no such file or directory", 125);
    }
    String path = Paths.resolve(ctx.workingDir(), file);
    String text;
    try {
      text = new String(ctx.hostFs().read(path), StandardCharsets.UTF_8);
    } catch (FsException e) {
      throw new CliException("open " + file + ": " + e.getMessage().toLowerCase(), 125);
    }
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        out.add(l);
      }
    }
    return out;
  }
}
