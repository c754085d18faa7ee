package dev.ddlab.cli;

import dev.ddlab.engine.ContainersApi;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.ImagesApi;
import dev.ddlab.engine.NetworksApi;
import dev.ddlab.engine.SystemApi;
import dev.ddlab.engine.VolumesApi;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A test-only Engine whose API methods answer from lambdas registered by name ("containers.list"),
 * recording every call; anything not registered fails the test loudly.
 */
class FakeEngine implements Engine {
  final Map<String, Function<Object[], Object>> answers = new HashMap<>();
  final List<String> calls = new ArrayList<>();
  long nowNanos = 1_704_067_200L * 1_000_000_000L;

  FakeEngine on(String method, Function<Object[], Object> answer) {
    answers.put(method, answer);
    return this;
  }

  @SuppressWarnings("unchecked")
  private <T> T proxy(Class<T> type, String prefix) {
    InvocationHandler h =
        (p, m, args) -> {
          String key = prefix + "." + m.getName();
          if (m.getName().equals("nowNanos")) {
            return nowNanos;
          }
          if (m.isDefault() && !answers.containsKey(key)) {
            return InvocationHandler.invokeDefault(p, m, args);
          }
          calls.add(key);
          Function<Object[], Object> f = answers.get(key);
          if (f == null) {
            throw new UnsupportedOperationException("FakeEngine: no answer for " + key);
          }
          return f.apply(args == null ? new Object[0] : args);
        };
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h);
  }

  @Override
  public ImagesApi images() {
    return proxy(ImagesApi.class, "images");
  }

  @Override
  public ContainersApi containers() {
    return proxy(ContainersApi.class, "containers");
  }

  @Override
  public NetworksApi networks() {
    return proxy(NetworksApi.class, "networks");
  }

  @Override
  public VolumesApi volumes() {
    return proxy(VolumesApi.class, "volumes");
  }

  @Override
  public SystemApi system() {
    return proxy(SystemApi.class, "system");
  }
}
