package dev.ddlab.bridge.api;

import dev.ddlab.engine.Engine;
import dev.ddlab.engine.dto.Version;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The served engine behind one lock: engines are not assumed to be thread-safe, so every router
 * reaches the engine through {@link #call} or {@link #run} (the lock is shared with the ticker and
 * with other users of the engine).
 */
final class Backend {
  private final Engine engine;
  private final Object lock;
  private volatile String apiVersion;

  Backend(Engine engine, Object lock) {
    this.engine = engine;
    this.lock = lock;
  }

  Object lock() {
    return lock;
  }

  <T> T call(Function<Engine, T> call) {
    synchronized (lock) {
      return call.apply(engine);
    }
  }

  void run(Consumer<Engine> call) {
    synchronized (lock) {
      call.accept(engine);
    }
  }

  /** The API version the served engine speaks (asked once; 1.41 when it does not say). */
  String apiVersion() {
    String v = apiVersion;
    if (v == null) {
      Version version = call(e -> e.system().version());
      v = version.apiVersion() == null ? "1.41" : version.apiVersion();
      apiVersion = v;
    }
    return v;
  }
}
