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
}
