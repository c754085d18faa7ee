package dev.ddlab.engine;

import dev.ddlab.engine.dto.AuthConfig;
import dev.ddlab.engine.dto.AuthResponse;
import dev.ddlab.engine.dto.EventMessage;
import dev.ddlab.engine.dto.Info;
import dev.ddlab.engine.dto.SystemDf;
import dev.ddlab.engine.dto.Version;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Engine API: /_ping, /version, /info, /system/df, /events, /auth. */
public interface SystemApi {
  /** GET /_ping: "OK" or {@link EngineException#cannotConnect}. */
  String ping();

  Version version();

  Info info();

  SystemDf df();

  /**
   * GET /events?since=&until=&filters= without following: the events between since and until (Unix
   * seconds, possibly fractional, as strings; null for open ends, until null means "now").
   */
  List<EventMessage> events(String since, String until, Map<String, List<String>> filters);

  /** Follows events as they happen until the returned handle is closed. */
  AutoCloseable subscribe(Map<String, List<String>> filters, Consumer<EventMessage> listener);

  /** The engine's notion of "now" (virtual for the simulator), Unix epoch nanoseconds. */
  long nowNanos();

  /**
   * A client's timer on the engine's clock, not an Engine API request: done once {@code d} has
   * passed (compose's 500 ms ticker while it polls a dependency). The simulator's passes in virtual
   * time as its {@link Pending#await} lets the clock run; a real engine's in real time.
   */
  Pending<Void> after(Duration d);

  /**
   * POST /auth: checks the credentials with the registry ({@code serveraddress}, Docker Hub when
   * empty). An engine without registry access answers as a daemon that cannot reach one.
   *
   * @throws EngineException 401 "… unauthorized: incorrect username or password", or the dial error
   */
  default AuthResponse auth(AuthConfig config) {
    throw EngineException.serverError(
        "Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io: no such"
            + " host");
  }
}
