package dev.ddlab.bridge.guard;

import static dev.ddlab.bridge.guard.GuardSession.BUILTIN_NETWORKS;
import static dev.ddlab.bridge.guard.GuardSession.refused;

import dev.ddlab.engine.NetworksApi;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.Network;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.NetworkCreateResponse;
import dev.ddlab.engine.dto.NetworkPruneResponse;
import java.util.List;
import java.util.Map;

/** Networks behind the guard: the session's own, plus the built-in bridge, host and none. */
final class GuardedNetworks implements NetworksApi {
  private final GuardSession session;

  GuardedNetworks(GuardSession session) {
    this.session = session;
  }

  @Override
  public List<Network> list(Map<String, List<String>> filters) {
    return session.inner.networks().list(filters).stream()
        .filter(n -> session.mine(n.labels()) || BUILTIN_NETWORKS.contains(n.name()))
        .toList();
  }

  @Override
  public Network inspect(String idOrName) {
    return session.ownNetwork(idOrName, true);
  }

  @Override
  public NetworkCreateResponse create(NetworkCreateRequest r) {
    session.checkCap();
    NetworkCreateResponse out =
        session
            .inner
            .networks()
            .create(
                new NetworkCreateRequest(
                    r.name(),
                    r.driver(),
                    r.internal(),
                    r.attachable(),
                    r.ingress(),
                    r.ipam(),
                    r.enableIpv6(),
                    r.options(),
                    session.labelled(r.labels())));
    session.networkIds.add(out.id());
    return out;
  }

  @Override
  public void remove(String idOrName) {
    Network n = session.ownNetwork(idOrName, true);
    session.inner.networks().remove(BUILTIN_NETWORKS.contains(n.name()) ? n.name() : n.id());
  }

  @Override
  public void connect(String network, String container, EndpointSettings endpoint) {
    if ("host".equals(network)) {
      throw refused("--network host bị chặn: container sẽ dùng thẳng mạng của máy chủ.");
    }
    Network n = session.ownNetwork(network, true);
    session.inner.networks().connect(n.id(), session.ownContainer(container).id(), endpoint);
  }

  @Override
  public void disconnect(String network, String container, boolean force) {
    Network n = session.ownNetwork(network, true);
    session.inner.networks().disconnect(n.id(), session.ownContainer(container).id(), force);
  }

  @Override
  public NetworkPruneResponse prune(Map<String, List<String>> filters) {
    return session.inner.networks().prune(session.withSessionFilter(filters));
  }
}
