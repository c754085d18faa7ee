package dev.ddlab.sim.swarm;

import dev.ddlab.engine.ConfigsApi;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.SecretsApi;
import dev.ddlab.engine.dto.IdResponse;
import dev.ddlab.engine.dto.swarm.Config;
import dev.ddlab.engine.dto.swarm.ConfigReference;
import dev.ddlab.engine.dto.swarm.ConfigSpec;
import dev.ddlab.engine.dto.swarm.ContainerSpec;
import dev.ddlab.engine.dto.swarm.Secret;
import dev.ddlab.engine.dto.swarm.SecretReference;
import dev.ddlab.engine.dto.swarm.SecretSpec;
import dev.ddlab.engine.dto.swarm.Service;
import dev.ddlab.engine.dto.swarm.ServiceSpec;
import dev.ddlab.sim.swarm.store.StoreAction;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The Engine API's {@code /secrets} and {@code /configs} as a simulated manager answers them (moby
 * {@code daemon/cluster/secrets.go}, {@code configs.go}; swarmkit {@code controlapi/secret.go},
 * {@code config.go}): objects in the Raft store, found as moby's getSecret finds them (ID, name, ID
 * prefix), a secret's data never returned, removal refused while a service refers to the object,
 * and a service's references checked against the store when it is created or updated.
 */
final class SwarmSecrets {
  /** swarmkit's isValidConfigOrSecretName. */
  private static final Pattern NAME =
      Pattern.compile("^[a-zA-Z0-9]+(?:[a-zA-Z0-9-_.]*[a-zA-Z0-9])?$");

  /** swarmkit's validation.MaxSecretSize. */
  static final int MAX_SECRET_SIZE = 500 * 1024;

  /** swarmkit's controlapi.MaxConfigSize. */
  static final int MAX_CONFIG_SIZE = 1000 * 1024;

  private final SwarmNode node;

  SwarmSecrets(SwarmNode node) {
    this.node = node;
  }

  /** What differs between secrets and configs; everything else is one code. */
  private record Kind<T>(
      String word,
      String storeKind,
      int maxSize,
      Function<T, String> name,
      Function<T, Map<String, String>> labels,
      Function<ContainerSpec, List<String>> referencedIds) {}

  private static final Kind<Secret> SECRET =
      new Kind<>(
          "secret",
          StoreAction.SECRET,
          MAX_SECRET_SIZE,
          s -> s.spec().name(),
          s -> s.spec().labels(),
          c ->
              c.secrets() == null
                  ? List.of()
                  : c.secrets().stream().map(SecretReference::secretId).toList());

  private static final Kind<Config> CONFIG =
      new Kind<>(
          "config",
          StoreAction.CONFIG,
          MAX_CONFIG_SIZE,
          c -> c.spec().name(),
          c -> c.spec().labels(),
          c ->
              c.configs() == null
                  ? List.of()
                  : c.configs().stream().map(ConfigReference::configId).toList());

  // ---- shared -----------------------------------------------------------------------------------

  private <T> List<T> list(Kind<T> kind, Map<String, T> all, Map<String, List<String>> filters) {
    List<T> out = new ArrayList<>();
    for (Map.Entry<String, T> e : all.entrySet()) {
      T o = e.getValue();
      String name = kind.name().apply(o);
      if (accepts(filters, "id", v -> e.getKey().startsWith(v))
          && accepts(filters, "name", name::startsWith)
          && accepts(filters, "names", name::equals)
          && labelled(filters, kind.labels().apply(o))) {
        out.add(o);
      }
    }
    return out;
  }

  private static boolean accepts(
      Map<String, List<String>> filters, String key, java.util.function.Predicate<String> test) {
    List<String> want = filters == null ? null : filters.get(key);
    return want == null || want.isEmpty() || want.stream().anyMatch(test);
  }

  /**
   * The {@code label} filter: every value ({@code key} or {@code key=value}) must hold, as the
   * daemon's label filters combine.
   */
  static boolean labelled(Map<String, List<String>> filters, Map<String, String> labels) {
    List<String> want = filters == null ? null : filters.get("label");
    return want == null || want.stream().allMatch(v -> hasLabel(labels, v));
  }

  private static boolean hasLabel(Map<String, String> labels, String filter) {
    if (labels == null) {
      return false;
    }
    int eq = filter.indexOf('=');
    return eq < 0
        ? labels.containsKey(filter)
        : filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)));
  }

  /** swarmkit's validateConfigOrSecretAnnotations and the payload size check. */
  private static void validate(Kind<?> kind, String name, String data) {
    if (name == null || name.isEmpty()) {
      throw invalid("name must be provided");
    }
    if (name.length() > 64 || !NAME.matcher(name).matches()) {
      throw invalid(
          "invalid name, only 64 [a-zA-Z0-9-_.] characters allowed, and the start and end"
              + " character must be [a-zA-Z0-9]");
    }
    int size = data == null ? 0 : Base64.getDecoder().decode(data).length;
    if (size >= kind.maxSize() || size < 1) {
      throw invalid(
          kind.word() + " data must be larger than 0 and less than " + kind.maxSize() + " bytes");
    }
  }

  private static EngineException invalid(String desc) {
    return new EngineException(400, "rpc error: code = InvalidArgument desc = " + desc);
  }

  private <T> IdResponse create(Kind<T> kind, Map<String, T> all, String name, T object) {
    if (all.values().stream().anyMatch(o -> name.equals(kind.name().apply(o)))) {
      throw new EngineException(
          409,
          "rpc error: code = AlreadyExists desc = " + kind.word() + " " + name + " already exists");
    }
    String id = idOf(object);
    node.write(List.of(StoreAction.put(kind.storeKind(), id, object)));
    return new IdResponse(id);
  }

  private static String idOf(Object o) {
    return o instanceof Secret s ? s.id() : ((Config) o).id();
  }

  private <T> void remove(Kind<T> kind, Map<String, T> all, String ref) {
    T o = SwarmApis.find(all, ref, kind.name(), kind.word());
    String id = idOf(o);
    List<String> users = new ArrayList<>();
    for (Service s : node.store().services().values()) {
      ContainerSpec c = s.spec().taskTemplate().containerSpec();
      if (c != null && kind.referencedIds().apply(c).contains(id)) {
        users.add(s.spec().name());
      }
    }
    if (!users.isEmpty()) {
      throw invalid(
          kind.word()
              + " '"
              + kind.name().apply(o)
              + "' is in use by the following "
              + (users.size() == 1 ? "service" : "services")
              + ": "
              + String.join(", ", users));
    }
    node.write(List.of(StoreAction.delete(kind.storeKind(), id)));
  }

  private <T> T forUpdate(Kind<T> kind, Map<String, T> all, String ref, long version) {
    T o = SwarmApis.find(all, ref, kind.name(), kind.word());
    long have =
        o instanceof Secret s
            ? s.version() == null ? 0 : s.version().index()
            : ((Config) o).version() == null ? 0 : ((Config) o).version().index();
    if (version != have) {
      throw new EngineException(500, "rpc error: code = Unknown desc = update out of sequence");
    }
    return o;
  }

  private static Map<String, String> labels(Map<String, String> l) {
    return l == null ? new LinkedHashMap<>() : l;
  }

  /**
   * swarmkit's checkSecretExistence and checkConfigExistence for a service being created or
   * updated: every reference must name an object of the store by its ID and name.
   */
  void checkReferences(ServiceSpec spec) {
    ContainerSpec c = spec.taskTemplate() == null ? null : spec.taskTemplate().containerSpec();
    if (c == null) {
      return;
    }
    Map<String, String> targets = new LinkedHashMap<>();
    for (SecretReference r : c.secrets() == null ? List.<SecretReference>of() : c.secrets()) {
      conflict("secret", targets, r.file() == null ? null : r.file().name(), r.secretName());
    }
    targets.clear();
    for (ConfigReference r : c.configs() == null ? List.<ConfigReference>of() : c.configs()) {
      conflict("config", targets, r.file() == null ? null : r.file().name(), r.configName());
    }
    Map<String, Secret> secrets = node.store().secrets();
    List<String> missing = new ArrayList<>();
    for (SecretReference r : c.secrets() == null ? List.<SecretReference>of() : c.secrets()) {
      Secret s = r.secretId() == null ? null : secrets.get(r.secretId());
      if (s == null || !s.spec().name().equals(r.secretName())) {
        missing.add(r.secretName());
      }
    }
    if (!missing.isEmpty()) {
      throw invalid(
          (missing.size() == 1 ? "secret" : "secrets")
              + " not found: "
              + String.join(", ", missing));
    }
    Map<String, Config> configs = node.store().configs();
    for (ConfigReference r : c.configs() == null ? List.<ConfigReference>of() : c.configs()) {
      Config s = r.configId() == null ? null : configs.get(r.configId());
      if (s == null || !s.spec().name().equals(r.configName())) {
        missing.add(r.configName());
      }
    }
    if (!missing.isEmpty()) {
      throw invalid(
          (missing.size() == 1 ? "config" : "configs")
              + " not found: "
              + String.join(", ", missing));
    }
  }

  /** swarmkit's validateSecretRefsSpec/validateConfigRefsSpec: one reference per target file. */
  private static void conflict(String word, Map<String, String> targets, String file, String name) {
    if (file == null) {
      return;
    }
    String prev = targets.putIfAbsent(file, name);
    if (prev != null) {
      throw invalid(
          word
              + " references '"
              + prev
              + "' and '"
              + name
              + "' have a conflicting target: '"
              + file
              + "'");
    }
  }

  // ---- /secrets ---------------------------------------------------------------------------------

  /** A secret as the API returns it: without its data. */
  static Secret withoutData(Secret s) {
    SecretSpec p = s.spec();
    return new Secret(
        s.id(),
        s.version(),
        s.createdAt(),
        s.updatedAt(),
        new SecretSpec(p.name(), labels(p.labels()), null, p.driver(), p.templating()));
  }

  final SecretsApi secrets =
      new SecretsApi() {
        @Override
        public List<Secret> list(Map<String, List<String>> filters) {
          return SwarmSecrets.this.list(SECRET, node.store().secrets(), filters).stream()
              .map(SwarmSecrets::withoutData)
              .toList();
        }

        @Override
        public Secret inspect(String idOrName) {
          return withoutData(
              SwarmApis.find(node.store().secrets(), idOrName, SECRET.name(), "secret"));
        }

        @Override
        public IdResponse create(SecretSpec spec) {
          if (spec.driver() != null) {
            // swarmkit's CreateSecret: the name is checked, then the driver's plugin looked up;
            // no node here has a secrets plugin installed (moby's plugin store: not found)
            validate(SECRET, spec.name(), "eA=="); // the name only: a driver brings the data
            if (spec.driver().name() == null || spec.driver().name().isEmpty()) {
              throw new EngineException(
                  400, "rpc error: code = InvalidArgument desc = secret driver must have a name");
            }
            throw new EngineException(
                500,
                "rpc error: code = Unknown desc = plugin \""
                    + spec.driver().name()
                    + "\" not found");
          }
          validate(SECRET, spec.name(), spec.data());
          String ts = node.now();
          Secret s =
              new Secret(
                  Ids.newId(node.random()),
                  null,
                  ts,
                  ts,
                  new SecretSpec(
                      spec.name(), labels(spec.labels()), spec.data(), null, spec.templating()));
          return SwarmSecrets.this.create(SECRET, node.store().secrets(), spec.name(), s);
        }

        @Override
        public void update(String id, long version, SecretSpec spec) {
          Secret s = forUpdate(SECRET, node.store().secrets(), id, version);
          SecretSpec have = s.spec();
          if (!java.util.Objects.equals(spec.name(), have.name())
              || (spec.data() != null && !spec.data().equals(have.data()))) {
            throw invalid("only updates to Labels are allowed");
          }
          node.write(
              List.of(
                  StoreAction.put(
                      StoreAction.SECRET,
                      s.id(),
                      new Secret(
                          s.id(),
                          s.version(),
                          s.createdAt(),
                          node.now(),
                          new SecretSpec(
                              have.name(),
                              labels(spec.labels()),
                              have.data(),
                              have.driver(),
                              have.templating())))));
        }

        @Override
        public void remove(String idOrName) {
          SwarmSecrets.this.remove(SECRET, node.store().secrets(), idOrName);
        }
      };

  // ---- /configs ---------------------------------------------------------------------------------

  final ConfigsApi configs =
      new ConfigsApi() {
        @Override
        public List<Config> list(Map<String, List<String>> filters) {
          return List.copyOf(SwarmSecrets.this.list(CONFIG, node.store().configs(), filters));
        }

        @Override
        public Config inspect(String idOrName) {
          return SwarmApis.find(node.store().configs(), idOrName, CONFIG.name(), "config");
        }

        @Override
        public IdResponse create(ConfigSpec spec) {
          validate(CONFIG, spec.name(), spec.data());
          String ts = node.now();
          Config c =
              new Config(
                  Ids.newId(node.random()),
                  null,
                  ts,
                  ts,
                  new ConfigSpec(
                      spec.name(), labels(spec.labels()), spec.data(), spec.templating()));
          return SwarmSecrets.this.create(CONFIG, node.store().configs(), spec.name(), c);
        }

        @Override
        public void update(String id, long version, ConfigSpec spec) {
          Config c = forUpdate(CONFIG, node.store().configs(), id, version);
          ConfigSpec have = c.spec();
          if (!java.util.Objects.equals(spec.name(), have.name())
              || (spec.data() != null && !spec.data().equals(have.data()))) {
            throw invalid("only updates to Labels are allowed");
          }
          node.write(
              List.of(
                  StoreAction.put(
                      StoreAction.CONFIG,
                      c.id(),
                      new Config(
                          c.id(),
                          c.version(),
                          c.createdAt(),
                          node.now(),
                          new ConfigSpec(
                              have.name(),
                              labels(spec.labels()),
                              have.data(),
                              have.templating())))));
        }

        @Override
        public void remove(String idOrName) {
          SwarmSecrets.this.remove(CONFIG, node.store().configs(), idOrName);
        }
      };
}
