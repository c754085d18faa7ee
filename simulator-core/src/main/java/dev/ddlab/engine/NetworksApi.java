package dev.ddlab.engine;

import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.Network;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.NetworkCreateResponse;
import dev.ddlab.engine.dto.NetworkPruneResponse;
import java.util.List;
import java.util.Map;

/** Engine API: /networks/…. */
public interface NetworksApi {
  List<Network> list(Map<String, List<String>> filters);

  /** 404 "network x not found". */
  Network inspect(String idOrName);

  /** 409 "network with name x already exists". */
  NetworkCreateResponse create(NetworkCreateRequest request);

  void remove(String idOrName);

  void connect(String network, String container, EndpointSettings endpoint);

  void disconnect(String network, String container, boolean force);

  NetworkPruneResponse prune(Map<String, List<String>> filters);
}
