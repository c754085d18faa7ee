package dev.ddlab.bridge.real;

import static dev.ddlab.bridge.real.ApiClient.seg;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.bridge.real.ApiClient.Query;
import dev.ddlab.engine.NetworksApi;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.Network;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.NetworkCreateResponse;
import dev.ddlab.engine.dto.NetworkPruneResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /networks/… of a real daemon. */
final class RealNetworks implements NetworksApi {
  private final ApiClient api;

  RealNetworks(ApiClient api) {
    this.api = api;
  }

  @Override
  public List<Network> list(Map<String, List<String>> filters) {
    return api.get("/networks", Query.of().filters(filters), new TypeReference<List<Network>>() {});
  }

  @Override
  public Network inspect(String idOrName) {
    return api.get("/networks/" + seg(idOrName), null, Network.class);
  }

  @Override
  public NetworkCreateResponse create(NetworkCreateRequest request) {
    ObjectNode body = ApiClient.JSON.valueToTree(request);
    // API ≤ 1.43 allows duplicate names unless asked, and the docker CLI always asks
    body.put("CheckDuplicate", true);
    return api.post("/networks/create", null, body, NetworkCreateResponse.class);
  }

  @Override
  public void remove(String idOrName) {
    api.exchange("DELETE", "/networks/" + seg(idOrName), null, null);
  }

  @Override
  public void connect(String network, String container, EndpointSettings endpoint) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Container", container);
    if (endpoint != null) {
      body.put("EndpointConfig", endpoint);
    }
    api.exchange("POST", "/networks/" + seg(network) + "/connect", null, body);
  }

  @Override
  public void disconnect(String network, String container, boolean force) {
    api.exchange(
        "POST",
        "/networks/" + seg(network) + "/disconnect",
        null,
        Map.of("Container", container, "Force", force));
  }

  @Override
  public NetworkPruneResponse prune(Map<String, List<String>> filters) {
    NetworkPruneResponse r =
        api.post("/networks/prune", Query.of().filters(filters), null, NetworkPruneResponse.class);
    return r.networksDeleted() == null ? new NetworkPruneResponse(List.of()) : r;
  }
}
