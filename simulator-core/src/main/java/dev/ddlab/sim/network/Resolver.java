package dev.ddlab.sim.network;

import dev.ddlab.sim.network.types.Ipv4;
import dev.ddlab.sim.runtime.ProcContext;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Name lookup for processes: what {@code /etc/hosts} gives (localhost, the container's own
 * hostname) and the embedded DNS of user-defined networks (libnetwork's {@code resolver.go} with
 * the sandbox as its backend: container names, network aliases and short IDs of the endpoints on
 * the asker's networks). The default bridge, {@code host} and {@code none} resolve no container
 * names, and nothing outside the node answers (the lab has no internet).
 */
final class Resolver {
  private final String nodeAddress;
  private BiFunction<String, String, Optional<String>> services =
      (network, name) -> Optional.empty();

  Resolver(String nodeAddress) {
    this.nodeAddress = nodeAddress;
  }

  /**
   * The swarm's service records (networkdb's endpoint table): network ID and name to an address,
   * asked for swarm-scoped networks after their container names and aliases.
   */
  void services(BiFunction<String, String, Optional<String>> lookup) {
    services = lookup;
  }

  /**
   * @param self the asking container's networking (for {@code container:} mode, the one it joins),
   *     null for the host
   */
  Optional<String> resolve(ProcContext from, ContainerNetworking self, String name) {
    if (name.equals("localhost") || name.equals("ip6-localhost")) {
      return Optional.of("127.0.0.1");
    }
    if (Ipv4.isAddress(name)) {
      return Optional.of(name);
    }
    if (from.isHost() || (self != null && self.mode.equals("host"))) {
      return name.equals(from.hostname()) ? Optional.of(nodeAddress) : Optional.empty();
    }
    if (self == null) {
      return Optional.empty();
    }
    Collection<Endpoint> mine = self.sandbox == null ? List.of() : self.sandbox.endpoints();
    if (name.equals(from.hostname()) || name.equals(self.hostname)) {
      Endpoint first = mine.stream().findFirst().orElse(null);
      return Optional.of(first == null || first.ip() == 0 ? "127.0.0.1" : first.ipText());
    }
    for (Endpoint e : mine) {
      Network n = e.network();
      if (!n.embeddedDns()) {
        continue;
      }
      for (Endpoint other : n.endpoints.values()) {
        if (other.containerName().equals(name) || other.aliases().contains(name)) {
          return Optional.of(other.ipText());
        }
      }
      if ("swarm".equals(n.scope())) {
        Optional<String> service = services.apply(n.id, name);
        if (service.isPresent()) {
          return service;
        }
      }
    }
    return Optional.empty();
  }
}
