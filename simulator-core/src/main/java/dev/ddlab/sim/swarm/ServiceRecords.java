package dev.ddlab.sim.swarm;

import dev.ddlab.sim.network.IngressRouting;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The service records of a swarm's networks (libnetwork's service discovery over networkdb's {@code
 * endpoint_table}, gossiped between nodes; delivered at once here, as the overlay's peer table is):
 * each running task's container publishes, per network it is on, its service's name, the service's
 * virtual IP on that network (none in dnsrr mode) and its own address. The embedded DNS of every
 * node asks it for names on swarm networks: {@code SERVICE} answers the VIP (the tasks' addresses
 * in dnsrr mode), {@code tasks.SERVICE} the tasks' addresses; where there are several, each lookup
 * gives the next one (round robin, as the shuffled answers of the embedded DNS spread clients).
 * Shared by the nodes of one {@link SwarmCluster}.
 */
public final class ServiceRecords {
  /**
   * One task's record on one network; on the ingress network it carries the ports its service
   * publishes in ingress mode (libnetwork's EndpointRecord.IngressPorts).
   */
  public record Entry(
      String service, String vip, String ip, List<IngressRouting.PublishedPort> ingressPorts) {
    public Entry(String service, String vip, String ip) {
      this(service, vip, ip, List.of());
    }
  }

  private final Map<String, Map<String, Entry>> byNetwork = new LinkedHashMap<>();
  private final Map<String, Integer> turns = new HashMap<>();
  private final List<Runnable> listeners = new ArrayList<>();

  /** {@code listener} runs after every change (each node's routing mesh follows the records). */
  public void listen(Runnable listener) {
    listeners.add(listener);
  }

  private void changed() {
    List.copyOf(listeners).forEach(Runnable::run);
  }

  /** A task's container runs on the network: its record is published. */
  public void add(String networkId, String taskId, Entry e) {
    byNetwork.computeIfAbsent(networkId, k -> new LinkedHashMap<>()).put(taskId, e);
    if (!e.ingressPorts().isEmpty()) {
      changed();
    }
  }

  /** A task's container is gone: its records are withdrawn from every network. */
  public void remove(String taskId) {
    boolean[] ports = {false};
    byNetwork
        .values()
        .removeIf(
            m -> {
              Entry e = m.remove(taskId);
              ports[0] |= e != null && !e.ingressPorts().isEmpty();
              return e != null && m.isEmpty();
            });
    if (ports[0]) {
      changed();
    }
  }

  /** The ports published in ingress mode by services with a running task, each once. */
  public List<IngressRouting.PublishedPort> publishedPorts() {
    Set<IngressRouting.PublishedPort> out = new LinkedHashSet<>();
    for (Map<String, Entry> records : byNetwork.values()) {
      for (Entry e : records.values()) {
        out.addAll(e.ingressPorts());
      }
    }
    return List.copyOf(out);
  }

  /**
   * The ingress addresses of the running tasks whose service publishes {@code protocol}/{@code
   * published} in ingress mode, in the order they were published.
   */
  public List<String> ingressBackends(String protocol, int published) {
    List<String> out = new ArrayList<>();
    for (Map<String, Entry> records : byNetwork.values()) {
      for (Entry e : records.values()) {
        for (IngressRouting.PublishedPort p : e.ingressPorts()) {
          if (p.protocol().equals(protocol) && p.published() == published) {
            out.add(e.ip());
            break;
          }
        }
      }
    }
    return out;
  }

  /**
   * The addresses of the running tasks behind virtual IP {@code vip} on network {@code networkId},
   * in the order they were published (the load balancer's real servers); null when no task
   * publishes that VIP there.
   */
  public List<String> backends(String networkId, String vip) {
    Map<String, Entry> records = byNetwork.get(networkId);
    if (records == null) {
      return null;
    }
    List<String> ips = null;
    for (Entry e : records.values()) {
      if (vip.equals(e.vip())) {
        if (ips == null) {
          ips = new ArrayList<>();
        }
        ips.add(e.ip());
      }
    }
    return ips;
  }

  /** What the embedded DNS answers for {@code name} on network {@code networkId}, if anything. */
  public Optional<String> lookup(String networkId, String name) {
    Map<String, Entry> records = byNetwork.get(networkId);
    if (records == null) {
      return Optional.empty();
    }
    boolean tasks = name.startsWith("tasks.");
    String service = tasks ? name.substring("tasks.".length()) : name;
    List<String> ips = new ArrayList<>();
    for (Entry e : records.values()) {
      if (e.service().equals(service)) {
        if (!tasks && e.vip() != null) {
          return Optional.of(e.vip());
        }
        ips.add(e.ip());
      }
    }
    if (ips.isEmpty()) {
      return Optional.empty();
    }
    String key = networkId + " " + name;
    int turn = turns.merge(key, 1, Integer::sum) - 1;
    return Optional.of(ips.get(Math.floorMod(turn, ips.size())));
  }
}
