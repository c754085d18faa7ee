package dev.ddlab.sim.network.portmapper;

import dev.ddlab.engine.EngineException;
import java.util.Map;
import java.util.TreeMap;

/**
 * libnetwork's {@code portallocator} and {@code portmapper} for one node: which host address and
 * port each published container port holds, ephemeral ports handed out round-robin from 32768 to
 * 60999 (the kernel's {@code ip_local_port_range}) per address and protocol (TCP and UDP count
 * separately: {@code -P} with 90/tcp and 7000/udp gives both 32768), and a binding on 0.0.0.0
 * taking the port on every address.
 */
public final class PortMapper {
  public static final int EPHEMERAL_FIRST = 32768;
  public static final int EPHEMERAL_LAST = 60999;

  private final Map<String, String> owners = new TreeMap<>();
  private final Map<String, Integer> lastEphemeral = new TreeMap<>();

  /**
   * Maps a host port to {@code containerPort}: the first free one of {@code range} ([first, last]),
   * or an ephemeral one when range is null.
   *
   * @throws EngineException 500 {@code Bind for IP:PORT failed: port is already allocated}, or
   *     {@code all ports are allocated} when no ephemeral port is left
   */
  public PortMapping map(
      String hostIp, int[] range, String proto, int containerPort, String owner) {
    int port = -1;
    if (range == null) {
      port = ephemeral(hostIp, proto);
    } else {
      for (int p = range[0]; p <= range[1] && port < 0; p++) {
        if (free(hostIp, p, proto)) {
          port = p;
        }
      }
      if (port < 0) {
        throw EngineException.serverError(
            "Bind for " + hostIp + ":" + range[0] + " failed: port is already allocated");
      }
    }
    PortMapping m = new PortMapping(hostIp, port, proto, containerPort);
    owners.put(m.key(), owner);
    return m;
  }

  public void unmap(PortMapping m) {
    owners.remove(m.key());
  }

  private boolean free(String hostIp, int port, String proto) {
    for (String key : owners.keySet()) {
      int colon = key.lastIndexOf(':');
      String ip = key.substring(0, colon);
      if (key.substring(colon + 1).equals(port + "/" + proto)
          && (ip.equals(hostIp) || ip.equals("0.0.0.0") || hostIp.equals("0.0.0.0"))) {
        return false;
      }
    }
    return true;
  }

  private int ephemeral(String hostIp, String proto) {
    int span = EPHEMERAL_LAST - EPHEMERAL_FIRST + 1;
    String pool = hostIp + "/" + proto;
    int last = lastEphemeral.getOrDefault(pool, EPHEMERAL_FIRST - 1);
    for (int i = 1; i <= span; i++) {
      int p = EPHEMERAL_FIRST + Math.floorMod(last + i - EPHEMERAL_FIRST, span);
      if (free(hostIp, p, proto)) {
        lastEphemeral.put(pool, p);
        return p;
      }
    }
    throw EngineException.serverError("all ports are allocated");
  }
}
