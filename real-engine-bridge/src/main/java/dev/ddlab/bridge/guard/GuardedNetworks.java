package dev.ddlab.bridge.guard;

import static dev.ddlab.bridge.guard.GuardSession.BUILTIN_NETWORKS;
import static dev.ddlab.bridge.guard.GuardSession.refused;

import dev.ddlab.engine.NetworksApi;
import dev.ddlab.engine.dto.ContainerInspect;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.Ipam;
import dev.ddlab.engine.dto.Network;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.NetworkCreateResponse;
import dev.ddlab.engine.dto.NetworkEndpoint;
import dev.ddlab.engine.dto.NetworkPruneResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Networks behind the guard: the session's own, plus the built-in bridge, host and none (which it
 * may inspect, and whose member list shows only its own containers). New networks come from an
 * allow-list: the bridge driver, two harmless driver options, subnets inside the policy's pools.
 */
final class GuardedNetworks implements NetworksApi {
  /**
   * Fields of NetworkCreateRequest checked here; the name and labels pass (labels get the
   * session's).
   */
  static final Set<String> CREATE_CHECKED =
      Set.of("driver", "internal", "attachable", "ingress", "ipam", "enableIpv6", "options");

  private static final Set<String> DRIVERS = Set.of("bridge");
  private static final Set<String> OPTIONS =
      Set.of("com.docker.network.bridge.enable_icc", "com.docker.network.driver.mtu");

  private final GuardSession session;
  private final CreateCheck createCheck;

  GuardedNetworks(GuardSession session, CreateCheck createCheck) {
    this.session = session;
    this.createCheck = createCheck;
  }

  /**
   * The session's networks and the built-in ones, with only its containers as members; {@code
   * name=…} is matched on the names it reads ({@link SessionNames#nameMatches}).
   */
  @Override
  public List<Network> list(Map<String, List<String>> filters) {
    Set<String> mine = ownContainerIds();
    List<String> wanted = filters == null ? null : filters.get("name");
    boolean byName = wanted != null && !wanted.isEmpty();
    return session
        .inner
        .networks()
        .list(byName ? SessionNames.withoutName(filters) : filters)
        .stream()
        .filter(n -> session.mine(n.labels()) || BUILTIN_NETWORKS.contains(n.name()))
        .filter(n -> !byName || session.names.nameMatches(wanted, n.name()))
        .map(n -> withMembers(n, mine))
        .toList();
  }

  @Override
  public Network inspect(String idOrName) {
    Network n = session.visibleNetwork(idOrName);
    return withMembers(session.inner.networks().inspect(n.id()), ownContainerIds());
  }

  private Set<String> ownContainerIds() {
    return session.inner.containers().list(true, 0, false, session.withSessionFilter(null)).stream()
        .map(ContainerSummary::id)
        .collect(Collectors.toSet());
  }

  /** The network with only the session's containers in its member list. */
  private static Network withMembers(Network n, Set<String> mine) {
    if (n.containers() == null || n.containers().isEmpty()) {
      return n;
    }
    Map<String, NetworkEndpoint> members = new LinkedHashMap<>();
    n.containers()
        .forEach(
            (id, e) -> {
              if (mine.contains(id)) {
                members.put(id, e);
              }
            });
    return new Network(
        n.name(),
        n.id(),
        n.created(),
        n.scope(),
        n.driver(),
        n.enableIpv6(),
        n.ipam(),
        n.internal(),
        n.attachable(),
        n.ingress(),
        n.configFrom(),
        n.configOnly(),
        members,
        n.options(),
        n.labels());
  }

  @Override
  public NetworkCreateResponse create(NetworkCreateRequest r) {
    String driver = r.driver() == null || r.driver().isEmpty() ? "bridge" : r.driver();
    if (!DRIVERS.contains(driver)) {
      throw refused(
          "network driver "
              + driver
              + " bị chặn trên máy chủ dùng chung (nó gắn container vào card mạng hoặc mạng của"
              + " máy chủ); chỉ dùng được -d bridge.");
    }
    if (r.options() != null) {
      for (Map.Entry<String, String> o : r.options().entrySet()) {
        if (!OPTIONS.contains(o.getKey())) {
          throw refused(
              "tuỳ chọn -o "
                  + o.getKey()
                  + " bị chặn trên máy chủ dùng chung; chỉ dùng được "
                  + String.join(", ", OPTIONS.stream().sorted().toList())
                  + ".");
        }
      }
    }
    if (r.ingress()) {
      throw refused("--ingress bị chặn: máy chủ dùng chung không chạy swarm.");
    }
    if (r.enableIpv6()) {
      throw refused("--ipv6 bị chặn trên máy chủ dùng chung.");
    }
    checkIpam(r.ipam());
    session.checkCap();
    NetworkCreateResponse out =
        session
            .inner
            .networks()
            .create(
                new NetworkCreateRequest(
                    session.names.real(r.name()),
                    driver,
                    r.internal(),
                    r.attachable(),
                    false,
                    r.ipam(),
                    false,
                    r.options(),
                    session.labelled(r.labels())));
    session.networkIds.add(out.id());
    return out;
  }

  /**
   * --subnet, --ip-range, --gateway inside the policy's pools (a subnet outside could take over a
   * route of the server); no IPAM driver or options.
   */
  private void checkIpam(Ipam ipam) {
    if (ipam == null) {
      return;
    }
    if (ipam.driver() != null && !ipam.driver().isEmpty() && !"default".equals(ipam.driver())) {
      throw refused("--ipam-driver " + ipam.driver() + " bị chặn trên máy chủ dùng chung.");
    }
    if (ipam.options() != null && !ipam.options().isEmpty()) {
      throw refused("--ipam-opt bị chặn trên máy chủ dùng chung.");
    }
    List<Cidr> pools = session.policy.subnetPools().stream().map(Cidr::parse).toList();
    for (Ipam.Config config : ipam.config() == null ? List.<Ipam.Config>of() : ipam.config()) {
      List<String> addresses = new ArrayList<>();
      addresses.add(config.subnet());
      addresses.add(config.ipRange());
      addresses.add(config.gateway());
      if (config.auxiliaryAddresses() != null) {
        addresses.addAll(config.auxiliaryAddresses().values());
      }
      for (String address : addresses) {
        if (address == null || address.isEmpty()) {
          continue;
        }
        Cidr range;
        try {
          range = Cidr.parse(address);
        } catch (IllegalArgumentException bad) {
          continue; // the daemon words its own error for a malformed address
        }
        if (pools.stream().noneMatch(p -> p.contains(range))) {
          throw refused(
              address
                  + " nằm ngoài dải địa chỉ dành cho các phiên ("
                  + String.join(", ", session.policy.subnetPools())
                  + "); trên máy chủ dùng chung hãy chọn subnet trong dải đó, ví dụ --subnet"
                  + " 10.215.200.0/24.");
        }
      }
    }
  }

  @Override
  public void remove(String idOrName) {
    Network n = session.visibleNetwork(idOrName);
    // a built-in network by name, so that the daemon answers its own "pre-defined network"
    session.inner.networks().remove(BUILTIN_NETWORKS.contains(n.name()) ? n.name() : n.id());
  }

  @Override
  public void connect(String network, String container, EndpointSettings endpoint) {
    Network n = session.joinableNetwork(network);
    ContainerInspect c = session.ownContainer(container);
    session
        .inner
        .networks()
        .connect(n.id(), c.id(), session.aliased(n, c.name(), createCheck.endpoint(n, endpoint)));
  }

  @Override
  public void disconnect(String network, String container, boolean force) {
    Network n = session.visibleNetwork(network);
    session.inner.networks().disconnect(n.id(), session.ownContainerId(container), force);
  }

  @Override
  public NetworkPruneResponse prune(Map<String, List<String>> filters) {
    return session.inner.networks().prune(session.withSessionFilter(filters));
  }
}
