package dev.ddlab.bridge.real;

import com.fasterxml.jackson.databind.MappingIterator;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.ddlab.bridge.real.ApiClient.Query;
import dev.ddlab.engine.Pending;
import dev.ddlab.engine.SystemApi;
import dev.ddlab.engine.dto.EventMessage;
import dev.ddlab.engine.dto.Info;
import dev.ddlab.engine.dto.SystemDf;
import dev.ddlab.engine.dto.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** /_ping, /version, /info, /system/df, /events of a real daemon. */
final class RealSystem implements SystemApi {
  private final ApiClient api;

  RealSystem(ApiClient api) {
    this.api = api;
  }

  @Override
  public String ping() {
    return api.ping();
  }

  @Override
  public Version version() {
    return api.get("/version", null, Version.class);
  }

  @Override
  public Info info() {
    return api.get("/info", null, Info.class);
  }

  @Override
  public SystemDf df() {
    return api.get("/system/df", null, SystemDf.class);
  }

  @Override
  public List<EventMessage> events(String since, String until, Map<String, List<String>> filters) {
    String end = until != null ? until : unixSeconds(nowNanos());
    Query q = Query.of().add("since", since).add("until", end).filters(filters);
    List<EventMessage> out = new ArrayList<>();
    try (DockerHttpClient.Response r = api.send("GET", "/events", q, null, null);
        MappingIterator<EventMessage> it =
            ApiClient.JSON.readerFor(EventMessage.class).readValues(r.getBody())) {
      while (it.hasNextValue()) {
        out.add(it.nextValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Unix seconds with nanoseconds, as the API accepts for since/until ("1700000000.123456789"). */
  static String unixSeconds(long nanos) {
    return String.format("%d.%09d", nanos / 1_000_000_000L, nanos % 1_000_000_000L);
  }

  @Override
  public AutoCloseable subscribe(
      Map<String, List<String>> filters, Consumer<EventMessage> listener) {
    return api.getStream(
        "/events", Query.of().filters(filters), EventMessage.class, listener, "ddlab-events");
  }

  @Override
  public long nowNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** A client's timer in real time: a sleeping daemon thread, interrupted by a cancel. */
  @Override
  public Pending<Void> after(Duration d) {
    return new ThreadPending<>(
        "ddlab-timer",
        () -> {
          try {
            Thread.sleep(d.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return null;
        });
  }

  @Override
  public dev.ddlab.engine.dto.AuthResponse auth(dev.ddlab.engine.dto.AuthConfig config) {
    return api.post("/auth", null, config, dev.ddlab.engine.dto.AuthResponse.class);
  }
}
