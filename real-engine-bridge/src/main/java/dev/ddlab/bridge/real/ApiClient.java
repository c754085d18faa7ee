package dev.ddlab.bridge.real;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.core.LocalDirectorySSLConfig;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.ddlab.engine.EngineException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The HTTP side of {@link RealEngine}: requests to the Engine API through docker-java's transport
 * (unix socket or TCP, TLS from DOCKER_CERT_PATH), API version negotiation like the docker CLI (ask
 * {@code /_ping}, then use the lower of the daemon's version and {@link #MAX_API_VERSION}), JSON
 * through Jackson into the API-shaped records, and daemon errors as {@link EngineException} with
 * the daemon's own message.
 */
public final class ApiClient implements AutoCloseable {
  /**
   * The newest API version whose JSON shapes the records of {@code dev.ddlab.engine.dto} follow
   * (Docker 20.10). Newer daemons still serve it.
   */
  public static final String MAX_API_VERSION = "1.41";

  static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private final DockerHost host;
  private final DockerHttpClient http;
  private final javax.net.ssl.SSLContext ssl;
  private volatile String apiVersion;

  public ApiClient(DockerHost host) {
    this.host = host;
    ApacheDockerHttpClient.Builder builder =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(host.uri())
            .maxConnections(64)
            .connectionTimeout(Duration.ofSeconds(5));
    javax.net.ssl.SSLContext context = null;
    if (host.tls()) {
      LocalDirectorySSLConfig config = new LocalDirectorySSLConfig(host.certPath().toString());
      context = config.getSSLContext();
      javax.net.ssl.SSLContext c = context;
      builder.sslConfig(() -> c);
    }
    this.ssl = context;
    this.http = builder.build();
  }

  public DockerHost host() {
    return host;
  }

  public ObjectMapper json() {
    return JSON;
  }

  /** The negotiated API version (asks the daemon once). */
  public String apiVersion() {
    String v = apiVersion;
    if (v == null) {
      v = negotiate();
      apiVersion = v;
    }
    return v;
  }

  private String negotiate() {
    try (DockerHttpClient.Response r = execute("GET", "/_ping", null, Map.of())) {
      String server = r.getHeader("API-Version");
      if (server == null || server.isBlank()) {
        return MAX_API_VERSION;
      }
      return compareVersions(server, MAX_API_VERSION) < 0 ? server : MAX_API_VERSION;
    }
  }

  /** Compares dotted versions numerically ("1.9" < "1.41"). */
  public static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int xi = i < x.length ? parseOrZero(x[i]) : 0;
      int yi = i < y.length ? parseOrZero(y[i]) : 0;
      if (xi != yi) {
        return Integer.compare(xi, yi);
      }
    }
    return 0;
  }

  private static int parseOrZero(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** GET /_ping without a version prefix: the body ("OK"). */
  public String ping() {
    try (DockerHttpClient.Response r = execute("GET", "/_ping", null, Map.of())) {
      return readAll(r.getBody());
    }
  }

  // ---- typed calls -------------------------------------------------------------------------

  public <T> T get(String path, Query query, Class<T> type) {
    return call("GET", path, query, null, type);
  }

  public <T> T get(String path, Query query, TypeReference<T> type) {
    try (DockerHttpClient.Response r = send("GET", path, query, null, null)) {
      return readJson(r, type);
    }
  }

  public <T> T post(String path, Query query, Object body, Class<T> type) {
    return call("POST", path, query, body, type);
  }

  public <T> T post(String path, Query query, Object body, TypeReference<T> type) {
    try (DockerHttpClient.Response r = send("POST", path, query, jsonBody(body), null)) {
      return readJson(r, type);
    }
  }

  /** A request whose answer body (if any) is not needed. */
  public void exchange(String method, String path, Query query, Object body) {
    try (DockerHttpClient.Response r = send(method, path, query, jsonBody(body), null)) {
      drain(r.getBody());
    }
  }

  private <T> T call(String method, String path, Query query, Object body, Class<T> type) {
    try (DockerHttpClient.Response r = send(method, path, query, jsonBody(body), null)) {
      if (type == Void.class) {
        drain(r.getBody());
        return null;
      }
      try {
        return JSON.readValue(r.getBody(), type);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private <T> T readJson(DockerHttpClient.Response r, TypeReference<T> type) {
    try {
      return JSON.readValue(r.getBody(), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream jsonBody(Object body) {
    if (body == null) {
      return null;
    }
    try {
      return new ByteArrayInputStream(JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * GET of a stream of JSON values (events, stats): each value goes to {@code each} on a daemon
   * thread of its own until the returned handle closes the response or the daemon ends it. An error
   * status is thrown here, before any thread starts.
   */
  public <T> AutoCloseable getStream(
      String path, Query query, Class<T> type, Consumer<T> each, String threadName) {
    DockerHttpClient.Response r = send("GET", path, query, null, null);
    Thread t =
        new Thread(
            () -> {
              try (MappingIterator<T> it = JSON.readerFor(type).readValues(r.getBody())) {
                while (it.hasNextValue()) {
                  each.accept(it.nextValue());
                }
              } catch (IOException | RuntimeException closed) {
                // the handle was closed or the daemon went away: the stream is over
              }
            },
            threadName);
    t.setDaemon(true);
    t.start();
    return r::close;
  }

  /**
   * Sends a request under the negotiated version prefix and returns the open response (the caller
   * closes it); a status ≥ 400 becomes an {@link EngineException} with the daemon's message.
   *
   * @param body JSON or raw bytes; sent as JSON unless {@code contentType} says otherwise
   */
  public DockerHttpClient.Response send(
      String method, String path, Query query, InputStream body, String contentType) {
    String full = "/v" + apiVersion() + path + (query == null ? "" : query.toString());
    Map<String, String> headers = new LinkedHashMap<>();
    if (body != null) {
      headers.put("Content-Type", contentType == null ? "application/json" : contentType);
    }
    DockerHttpClient.Response r = execute(method, full, body, headers);
    if (r.getStatusCode() >= 400) {
      try (r) {
        throw errorOf(r.getStatusCode(), readAll(r.getBody()));
      }
    }
    return r;
  }

  /** Like {@link #send}, with request headers of the API's own (X-Registry-Auth). */
  public DockerHttpClient.Response send(
      String method, String path, Query query, Map<String, String> extraHeaders) {
    String full = "/v" + apiVersion() + path + (query == null ? "" : query.toString());
    DockerHttpClient.Response r = execute(method, full, null, new LinkedHashMap<>(extraHeaders));
    if (r.getStatusCode() >= 400) {
      try (r) {
        throw errorOf(r.getStatusCode(), readAll(r.getBody()));
      }
    }
    return r;
  }

  /**
   * Like {@link #send}, but upgrades the connection and streams {@code stdin} to the daemon on a
   * connection of its own ({@link HijackedConnection}); the end of {@code stdin} half-closes it.
   * {@code body} is JSON.
   */
  public DockerHttpClient.Response sendHijacked(
      String method,
      String path,
      Query query,
      InputStream body,
      String contentType,
      InputStream stdin) {
    String full = "/v" + apiVersion() + path + (query == null ? "" : query.toString());
    try {
      return HijackedConnection.open(
          host, ssl, method, full, body == null ? null : body.readAllBytes(), stdin);
    } catch (IOException e) {
      throw EngineException.cannotConnect(host.toString());
    }
  }

  private DockerHttpClient.Response execute(
      String method, String path, InputStream body, Map<String, String> headers) {
    DockerHttpClient.Request.Builder b =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.valueOf(method))
            .path(path)
            .headers(headers);
    if (body != null) {
      b.body(body);
    }
    try {
      return http.execute(b.build());
    } catch (RuntimeException e) {
      if (causedByIo(e)) {
        throw EngineException.cannotConnect(host.toString());
      }
      throw e;
    }
  }

  private static boolean causedByIo(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /** The daemon's {"message": …} as an EngineException, text unchanged. */
  static EngineException errorOf(int status, String body) {
    String message = body.trim();
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.hasNonNull("message")) {
        message = node.get("message").asText();
      }
    } catch (IOException notJson) {
      // plain-text answers (old daemons, proxies) are kept as they are
    }
    return new EngineException(status, message);
  }

  static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void drain(InputStream in) {
    try (in) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      http.close();
    } catch (IOException e) {
      // closing a pool that lost its daemon is not worth reporting
    }
  }

  /** The query string of a request: parameters in order (names may repeat), nulls left out. */
  public static final class Query {
    private final List<Map.Entry<String, String>> params = new ArrayList<>();

    public static Query of() {
      return new Query();
    }

    public Query add(String name, Object value) {
      if (value != null) {
        params.add(Map.entry(name, value.toString()));
      }
      return this;
    }

    /** One parameter per value ({@code names=a&names=b}). */
    public Query addAll(String name, List<String> values) {
      if (values != null) {
        values.forEach(v -> add(name, v));
      }
      return this;
    }

    /** A boolean flag sent only when true ("1"), as the CLI does. */
    public Query flag(String name, boolean value) {
      return value ? add(name, "1") : this;
    }

    /** The API's filters parameter: JSON {"key":["value",…]}; left out when empty. */
    public Query filters(Map<String, List<String>> filters) {
      if (filters != null && !filters.isEmpty()) {
        try {
          add("filters", JSON.writeValueAsString(filters));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return this;
    }

    @Override
    public String toString() {
      if (params.isEmpty()) {
        return "";
      }
      return params.stream()
          .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
          .collect(Collectors.joining("&", "?", ""));
    }

    private static String enc(String s) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
  }

  /** A path segment for a name or reference: escaped, but keeping '/' and ':' as the CLI does. */
  public static String seg(String nameOrId) {
    return URLEncoder.encode(nameOrId, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("%2F", "/")
        .replace("%3A", ":");
  }
}
