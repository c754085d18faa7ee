package dev.ddlab.bridge.real;

import static dev.ddlab.bridge.real.ApiClient.seg;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ddlab.bridge.real.ApiClient.Query;
import dev.ddlab.engine.ConfigsApi;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.NodesApi;
import dev.ddlab.engine.SecretsApi;
import dev.ddlab.engine.ServicesApi;
import dev.ddlab.engine.SwarmApi;
import dev.ddlab.engine.TasksApi;
import dev.ddlab.engine.dto.IdResponse;
import dev.ddlab.engine.dto.swarm.Config;
import dev.ddlab.engine.dto.swarm.ConfigSpec;
import dev.ddlab.engine.dto.swarm.Node;
import dev.ddlab.engine.dto.swarm.NodeSpec;
import dev.ddlab.engine.dto.swarm.Secret;
import dev.ddlab.engine.dto.swarm.SecretSpec;
import dev.ddlab.engine.dto.swarm.Service;
import dev.ddlab.engine.dto.swarm.ServiceCreateResponse;
import dev.ddlab.engine.dto.swarm.ServiceSpec;
import dev.ddlab.engine.dto.swarm.ServiceUpdateOptions;
import dev.ddlab.engine.dto.swarm.ServiceUpdateResponse;
import dev.ddlab.engine.dto.swarm.Swarm;
import dev.ddlab.engine.dto.swarm.SwarmInitRequest;
import dev.ddlab.engine.dto.swarm.SwarmJoinRequest;
import dev.ddlab.engine.dto.swarm.SwarmSpec;
import dev.ddlab.engine.dto.swarm.SwarmUpdateFlags;
import dev.ddlab.engine.dto.swarm.Task;
import dev.ddlab.engine.dto.swarm.UnlockKeyResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * /swarm, /nodes, /services, /tasks, /secrets and /configs of a real daemon (API 1.41), one small
 * class each.
 */
final class RealSwarm {
  private RealSwarm() {}

  static final class Swarms implements SwarmApi {
    private final ApiClient api;

    Swarms(ApiClient api) {
      this.api = api;
    }

    @Override
    public Swarm inspect() {
      return api.get("/swarm", null, Swarm.class);
    }

    @Override
    public String init(SwarmInitRequest request) {
      return api.post("/swarm/init", null, request, String.class);
    }

    @Override
    public void join(SwarmJoinRequest request) {
      api.exchange("POST", "/swarm/join", null, request);
    }

    @Override
    public void leave(boolean force) {
      api.exchange("POST", "/swarm/leave", Query.of().flag("force", force), null);
    }

    @Override
    public void update(SwarmSpec spec, SwarmUpdateFlags flags) {
      api.exchange(
          "POST",
          "/swarm/update",
          Query.of()
              .add("version", flags.version())
              .flag("rotateWorkerToken", flags.rotateWorkerToken())
              .flag("rotateManagerToken", flags.rotateManagerToken())
              .flag("rotateManagerUnlockKey", flags.rotateManagerUnlockKey()),
          spec);
    }

    @Override
    public UnlockKeyResponse unlockKey() {
      return api.get("/swarm/unlockkey", null, UnlockKeyResponse.class);
    }

    @Override
    public void unlock(String unlockKey) {
      api.exchange("POST", "/swarm/unlock", null, Map.of("UnlockKey", unlockKey));
    }
  }

  static final class Nodes implements NodesApi {
    private final ApiClient api;

    Nodes(ApiClient api) {
      this.api = api;
    }

    @Override
    public List<Node> list(Map<String, List<String>> filters) {
      return api.get("/nodes", Query.of().filters(filters), new TypeReference<List<Node>>() {});
    }

    @Override
    public Node inspect(String idOrName) {
      return api.get("/nodes/" + seg(idOrName), null, Node.class);
    }

    @Override
    public void update(String id, long version, NodeSpec spec) {
      api.exchange(
          "POST", "/nodes/" + seg(id) + "/update", Query.of().add("version", version), spec);
    }

    @Override
    public void remove(String id, boolean force) {
      api.exchange("DELETE", "/nodes/" + seg(id), Query.of().flag("force", force), null);
    }
  }

  static final class Services implements ServicesApi {
    private final ApiClient api;

    Services(ApiClient api) {
      this.api = api;
    }

    /**
     * docker/cli's progress display sleeps between polls of a real daemon: wall time. An interrupt
     * (the session closing) ends the wait as Ctrl-C ends docker/cli's: the operation goes on on the
     * daemon, the display stops, instead of polling on without sleeping.
     */
    @Override
    public void waitFor(Duration d) {
      try {
        Thread.sleep(d.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EngineException(
            499, "Operation continuing in background.\nUse `docker service ps` to check progress.");
      }
    }

    @Override
    public List<Service> list(Map<String, List<String>> filters, boolean status) {
      return api.get(
          "/services",
          Query.of().filters(filters).flag("status", status),
          new TypeReference<List<Service>>() {});
    }

    @Override
    public Service inspect(String idOrName, boolean insertDefaults) {
      return api.get(
          "/services/" + seg(idOrName),
          Query.of().flag("insertDefaults", insertDefaults),
          Service.class);
    }

    @Override
    public ServiceCreateResponse create(ServiceSpec spec) {
      return api.post("/services/create", null, spec, ServiceCreateResponse.class);
    }

    @Override
    public ServiceUpdateResponse update(String id, ServiceSpec spec, ServiceUpdateOptions options) {
      Query q = Query.of().add("version", options == null ? 0 : options.version());
      if (options != null && options.rollback() != null) {
        q.add("rollback", options.rollback());
      }
      return api.post("/services/" + seg(id) + "/update", q, spec, ServiceUpdateResponse.class);
    }

    @Override
    public void remove(String idOrName) {
      api.exchange("DELETE", "/services/" + seg(idOrName), null, null);
    }
  }

  static final class Tasks implements TasksApi {
    private final ApiClient api;

    Tasks(ApiClient api) {
      this.api = api;
    }

    @Override
    public List<Task> list(Map<String, List<String>> filters) {
      return api.get("/tasks", Query.of().filters(filters), new TypeReference<List<Task>>() {});
    }

    @Override
    public Task inspect(String id) {
      return api.get("/tasks/" + seg(id), null, Task.class);
    }
  }

  /** POST /secrets/create and /configs/create answer {"ID": …}. */
  private static IdResponse created(ApiClient api, String path, Object spec) {
    Map<String, Object> r = api.post(path, null, spec, new TypeReference<Map<String, Object>>() {});
    return new IdResponse(String.valueOf(r.get("ID")));
  }

  static final class Secrets implements SecretsApi {
    private final ApiClient api;

    Secrets(ApiClient api) {
      this.api = api;
    }

    @Override
    public List<Secret> list(Map<String, List<String>> filters) {
      return api.get("/secrets", Query.of().filters(filters), new TypeReference<List<Secret>>() {});
    }

    @Override
    public Secret inspect(String idOrName) {
      return api.get("/secrets/" + seg(idOrName), null, Secret.class);
    }

    @Override
    public IdResponse create(SecretSpec spec) {
      return created(api, "/secrets/create", spec);
    }

    @Override
    public void update(String id, long version, SecretSpec spec) {
      api.exchange(
          "POST", "/secrets/" + seg(id) + "/update", Query.of().add("version", version), spec);
    }

    @Override
    public void remove(String idOrName) {
      api.exchange("DELETE", "/secrets/" + seg(idOrName), null, null);
    }
  }

  static final class Configs implements ConfigsApi {
    private final ApiClient api;

    Configs(ApiClient api) {
      this.api = api;
    }

    @Override
    public List<Config> list(Map<String, List<String>> filters) {
      return api.get("/configs", Query.of().filters(filters), new TypeReference<List<Config>>() {});
    }

    @Override
    public Config inspect(String idOrName) {
      return api.get("/configs/" + seg(idOrName), null, Config.class);
    }

    @Override
    public IdResponse create(ConfigSpec spec) {
      return created(api, "/configs/create", spec);
    }

    @Override
    public void update(String id, long version, ConfigSpec spec) {
      api.exchange(
          "POST", "/configs/" + seg(id) + "/update", Query.of().add("version", version), spec);
    }

    @Override
    public void remove(String idOrName) {
      api.exchange("DELETE", "/configs/" + seg(idOrName), null, null);
    }
  }
}
