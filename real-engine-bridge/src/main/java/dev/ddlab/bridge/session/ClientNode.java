package dev.ddlab.bridge.session;

import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.Port;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.session.ClientMachine;
import dev.ddlab.session.DaemonService;
import dev.ddlab.session.HttpAnswer;
import dev.ddlab.session.NodeBackend;
import dev.ddlab.session.PortUnreachable;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The learner's client machine in front of a real engine: its files in memory ({@link
 * ClientMachine}), no Docker service of its own, and HTTP to the engine's published ports of the
 * session's own containers only: a port answers when a container the engine lists for this session
 * publishes it, and the request goes to that port on the daemon's machine.
 */
final class ClientNode implements NodeBackend {
  static final int CONNECT_TIMEOUT_MS = 3_000;
  static final int READ_TIMEOUT_MS = 10_000;
  static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  private final String name;
  private final String address;
  private final Engine engine;
  private final FileSystem files;
  private final String daemonMachine;
  private final AtomicInteger pids = new AtomicInteger(1000);

  ClientNode(String name, String address, Engine engine) {
    this.name = name;
    this.address = address;
    this.engine = engine;
    this.files = ClientMachine.files(name, address, () -> System.currentTimeMillis() * 1_000_000L);
    this.daemonMachine = daemonMachine(engine.host());
  }

  /** Where the daemon's published ports listen: this machine for a local socket, else its host. */
  static String daemonMachine(String engineHost) {
    URI uri = URI.create(engineHost);
    String host = uri.getHost();
    return "unix".equals(uri.getScheme()) || host == null ? "127.0.0.1" : host;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public Engine engine() {
    return engine;
  }

  @Override
  public FileSystem hostFs() {
    return files;
  }

  @Override
  public Optional<DaemonService> daemon() {
    return Optional.empty();
  }

  @Override
  public HttpAnswer get(String host, int port, String target) {
    if (!Set.of("localhost", "127.0.0.1", name, address).contains(host)) {
      // the classroom's client reaches no other machine
      throw host.matches("[0-9.]+")
          ? new PortUnreachable(PortUnreachable.Kind.UNREACHABLE, host, "No route to host")
          : new PortUnreachable(
              PortUnreachable.Kind.UNRESOLVED, host, "Could not resolve host: " + host);
    }
    return publishedPort(port, target);
  }

  @Override
  public HttpAnswer publishedPort(int port, String target) {
    if (!publishedBySession(port)) {
      throw new PortUnreachable(PortUnreachable.Kind.REFUSED, address, "Connection refused");
    }
    try {
      URL url =
          new URL("http", daemonMachine, port, target.startsWith("/") ? target : "/" + target);
      HttpURLConnection c = (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
      c.setConnectTimeout(CONNECT_TIMEOUT_MS);
      c.setReadTimeout(READ_TIMEOUT_MS);
      c.setInstanceFollowRedirects(false);
      try {
        int status = c.getResponseCode();
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; c.getHeaderFieldKey(i) != null; i++) {
          headers.merge(c.getHeaderFieldKey(i), c.getHeaderField(i), (a, b) -> a + ", " + b);
        }
        byte[] body;
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
          body = in == null ? new byte[0] : in.readNBytes(MAX_BODY_BYTES);
        }
        String reason = c.getResponseMessage();
        return new HttpAnswer(status, reason == null ? "" : reason, headers, body);
      } finally {
        c.disconnect();
      }
    } catch (ConnectException e) {
      throw new PortUnreachable(PortUnreachable.Kind.REFUSED, address, e.getMessage());
    } catch (UnknownHostException e) {
      throw new PortUnreachable(
          PortUnreachable.Kind.UNRESOLVED,
          daemonMachine,
          "Could not resolve host: " + e.getMessage());
    } catch (SocketTimeoutException e) {
      throw new PortUnreachable(PortUnreachable.Kind.UNREACHABLE, address, e.getMessage());
    } catch (IOException e) {
      throw new PortUnreachable(PortUnreachable.Kind.RESET, address, e.getMessage());
    }
  }

  /** Whether a running container the engine shows this session publishes the TCP port. */
  private boolean publishedBySession(int port) {
    try {
      for (ContainerSummary c : engine.containers().list(false, 0, false, Map.of())) {
        for (Port p : c.ports() == null ? java.util.List.<Port>of() : c.ports()) {
          if (p.publicPort() != null && p.publicPort() == port && "tcp".equals(p.type())) {
            return true;
          }
        }
      }
    } catch (EngineException e) {
      return false;
    }
    return false;
  }

  @Override
  public int allocatePid() {
    return pids.incrementAndGet();
  }
}
