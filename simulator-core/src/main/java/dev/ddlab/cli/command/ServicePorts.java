package dev.ddlab.cli.command;

import dev.ddlab.engine.dto.PortBinding;
import dev.ddlab.engine.dto.swarm.EndpointSpec;
import dev.ddlab.engine.dto.swarm.PortConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code docker service create -p}: docker/cli's {@code opts.PortOpt}. The long form ({@code
 * published=8080,target=80,mode=host,protocol=udp}) is read field by field; the short form ({@code
 * 8080:80/udp}, ranges) as {@code docker run -p} reads it, each port published in ingress mode.
 */
final class ServicePorts {
  private ServicePorts() {}

  /** The endpoint spec for {@code specs}, or null when nothing is published. */
  static EndpointSpec of(List<String> specs) {
    if (specs.isEmpty()) {
      return null;
    }
    List<PortConfig> ports = new ArrayList<>();
    for (String spec : specs) {
      try {
        ports.addAll(spec.contains("=") ? List.of(longForm(spec)) : shortForm(spec));
      } catch (CliException e) {
        throw new CliException(
            "invalid argument \"" + spec + "\" for \"-p, --publish\" flag: " + e.getMessage(), 125);
      }
    }
    return new EndpointSpec("vip", ports);
  }

  private static PortConfig longForm(String spec) {
    String mode = "ingress";
    String protocol = "tcp";
    int target = -1;
    int published = 0;
    for (String kv : spec.split(",")) {
      String[] p = kv.split("=", 2);
      if (p.length != 2) {
        throw new CliException("invalid field '" + kv + "' must be a key=value pair", 125);
      }
      String value = p[1];
      switch (p[0].toLowerCase(Locale.ROOT)) {
        case "mode" -> {
          if (!value.equals("ingress") && !value.equals("host")) {
            throw new CliException(
                "invalid publish mode value (" + value + "): must be either 'ingress' or 'host'",
                125);
          }
          mode = value;
        }
        case "protocol" -> {
          if (!value.equals("tcp") && !value.equals("udp") && !value.equals("sctp")) {
            throw new CliException("invalid protocol value '" + value + "'", 125);
          }
          protocol = value;
        }
        case "target" -> target = number(value);
        case "published" -> published = number(value);
        default -> throw new CliException("invalid field key " + p[0], 125);
      }
    }
    if (target < 0) {
      throw new CliException("missing mandatory field \"target\"", 125);
    }
    return new PortConfig(null, protocol, target, published, mode);
  }

  private static int number(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new CliException("strconv.ParseUint: parsing \"" + value + "\": invalid syntax", 125);
    }
  }

  private static List<PortConfig> shortForm(String spec) {
    Map<String, Map<String, Object>> exposed = new LinkedHashMap<>();
    Map<String, List<PortBinding>> bindings = new LinkedHashMap<>();
    ContainerOptions.parsePublish(spec, exposed, bindings);
    List<PortConfig> out = new ArrayList<>();
    for (Map.Entry<String, List<PortBinding>> e : bindings.entrySet()) {
      String[] key = e.getKey().split("/", 2);
      int target = Integer.parseInt(key[0]);
      for (PortBinding b : e.getValue()) {
        int published =
            b.hostPort() == null || b.hostPort().isEmpty() ? 0 : Integer.parseInt(b.hostPort());
        out.add(new PortConfig(null, key[1], target, published, "ingress"));
      }
    }
    return out;
  }

  /**
   * The PORTS column of {@code docker service ls} (docker/cli's serviceContext.Ports): the ports
   * published in ingress mode, sorted by protocol then published port, consecutive ones folded into
   * ranges, as {@code *:8080->80/tcp}; host-mode ports are not listed.
   */
  static String column(List<PortConfig> published) {
    if (published == null) {
      return "";
    }
    List<PortConfig> sorted = new ArrayList<>(published);
    sorted.sort(
        java.util.Comparator.comparing((PortConfig p) -> String.valueOf(p.protocol()))
            .thenComparingInt(PortConfig::publishedPort));
    List<String> out = new ArrayList<>();
    int[] r = null; // published start, published end, target start, target end
    String proto = null;
    for (PortConfig p : sorted) {
      if (!"ingress".equals(p.publishMode())) {
        continue;
      }
      boolean isRange = r != null && r[3] != r[2];
      if (r == null
          || !p.protocol().equals(proto)
          || p.publishedPort() - r[1] > 1
          || p.targetPort() - r[3] > 1
          || (isRange && p.targetPort() <= r[3])) {
        if (r != null && r[0] > 0) {
          out.add(range(r, proto));
        }
        r = new int[] {p.publishedPort(), p.publishedPort(), p.targetPort(), p.targetPort()};
        proto = p.protocol();
        continue;
      }
      r[1] = p.publishedPort();
      r[3] = p.targetPort();
    }
    if (r != null && r[0] > 0) {
      out.add(range(r, proto));
    }
    return String.join(", ", out);
  }

  private static String range(int[] r, String proto) {
    String pub = r[1] > r[0] ? r[0] + "-" + r[1] : Integer.toString(r[0]);
    String tgt = r[3] > r[2] ? r[2] + "-" + r[3] : Integer.toString(r[2]);
    return "*:" + pub + "->" + tgt + "/" + proto;
  }
}
