package dev.ddlab.sim.swarm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
  /** One task's record on one network. */
  public record Entry(String service, String vip, String ip) {}

  private final Map<String, Map<String, Entry>> byNetwork = new LinkedHashMap<>();
  private final Map<String, Integer> turns = new HashMap<>();

  /** A task's container runs on the network: its record is published. */
  public void add(String networkId, String taskId, Entry e) {
    byNetwork.computeIfAbsent(networkId, k -> new LinkedHashMap<>()).put(taskId, e);
  }

  /** A task's container is gone: its records are withdrawn from every network. */
  public void remove(String taskId) {
    byNetwork.values().removeIf(m -> m.remove(taskId) != null && m.isEmpty());
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
