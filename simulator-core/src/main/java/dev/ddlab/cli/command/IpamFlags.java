package dev.ddlab.cli.command;

import dev.ddlab.engine.dto.Ipam;
import dev.ddlab.go.GoNet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code network create}'s {@code --subnet}, {@code --ip-range}, {@code --gateway} and {@code
 * --aux-address} gathered into one IPAM config per subnet, as docker/cli's consolidateIpam does:
 * each range, gateway and auxiliary address goes to the subnet that contains it, subnets may not
 * overlap, a subnet takes one range and one gateway. (docker/cli walks a Go map, so the order of
 * its configs varies between runs; here they keep the order of the {@code --subnet} flags.)
 */
final class IpamFlags {
  private IpamFlags() {}

  static List<Ipam.Config> consolidate(
      List<String> subnets, List<String> ranges, List<String> gateways, Map<String, String> aux) {
    if (subnets.size() < ranges.size() || subnets.size() < gateways.size()) {
      throw error("every ip-range or gateway must have a corresponding subnet");
    }
    Map<String, Building> configs = new LinkedHashMap<>();
    for (String s : subnets) {
      for (String k : configs.keySet()) {
        if (matches(s, k) || matches(k, s)) {
          throw error("multiple overlapping subnet configuration is not supported");
        }
      }
      configs.put(s, new Building());
    }
    for (String r : ranges) {
      place(
          subnets,
          configs,
          r,
          "range",
          "cannot configure multiple ranges (%s, %s) on the same subnet (%s)");
    }
    for (String g : gateways) {
      place(
          subnets,
          configs,
          g,
          "gateway",
          "cannot configure multiple gateways (%s, %s) for the same subnet (%s)");
    }
    for (Map.Entry<String, String> a : aux.entrySet()) {
      boolean match = false;
      for (String s : subnets) {
        if (matches(s, a.getValue())) {
          configs.get(s).aux.put(a.getKey(), a.getValue());
          match = true;
        }
      }
      if (!match) {
        throw error("no matching subnet for aux-address " + a.getValue());
      }
    }
    List<Ipam.Config> out = new ArrayList<>();
    configs.forEach(
        (s, b) -> out.add(new Ipam.Config(s, b.range, b.gateway, b.aux.isEmpty() ? null : b.aux)));
    return out;
  }

  /**
   * A range or gateway to the subnet(s) holding it: one per subnet ({@code twice}, with the new
   * value, the old one and the subnet), and at least one subnet must hold it.
   */
  private static void place(
      List<String> subnets,
      Map<String, Building> configs,
      String value,
      String kind,
      String twice) {
    boolean match = false;
    for (String s : subnets) {
      if (!matches(s, value)) {
        continue;
      }
      Building b = configs.get(s);
      String old = kind.equals("range") ? b.range : b.gateway;
      if (old != null) {
        throw error(String.format(twice, value, old, s));
      }
      if (kind.equals("range")) {
        b.range = value;
      } else {
        b.gateway = value;
      }
      match = true;
    }
    if (!match) {
      throw error("no matching subnet for " + kind + " " + value);
    }
  }

  /** The flags' values, as docker/cli's MapOpts keeps {@code --aux-address k=v} (last one wins). */
  static Map<String, String> map(List<String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String v : values) {
      int eq = v.indexOf('=');
      if (eq < 0) {
        out.put(v, "");
      } else {
        out.put(v.substring(0, eq), v.substring(eq + 1));
      }
    }
    return out;
  }

  /** subnetMatches: whether the address (or network address of a CIDR) is in {@code subnet}. */
  private static boolean matches(String subnet, String data) {
    GoNet.IpNet net;
    try {
      net = GoNet.parseCidr(subnet);
    } catch (IllegalArgumentException e) {
      throw error("invalid subnet: " + e.getMessage());
    }
    byte[] ip;
    if (data.contains("/")) {
      try {
        GoNet.parseCidr(data);
      } catch (IllegalArgumentException e) {
        throw error(e.getMessage());
      }
      ip = GoNet.parseIp(data.substring(0, data.indexOf('/')));
    } else {
      ip = GoNet.parseIp(data);
    }
    return net.contains(ip);
  }

  private static CliException error(String message) {
    return new CliException(message, 1);
  }

  private static final class Building {
    String range;
    String gateway;
    final Map<String, String> aux = new LinkedHashMap<>();
  }
}
