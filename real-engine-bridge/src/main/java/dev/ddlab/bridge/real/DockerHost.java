package dev.ddlab.bridge.real;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a Docker daemon listens and how to reach it, read the way the docker CLI reads it: {@code
 * DOCKER_HOST} (unix:// or tcp://, default unix:///var/run/docker.sock), {@code DOCKER_TLS_VERIFY}
 * (any non-empty value turns TLS on) and {@code DOCKER_CERT_PATH} (ca.pem, cert.pem, key.pem;
 * default ~/.docker).
 */
public record DockerHost(URI uri, boolean tls, Path certPath) {
  public static final String DEFAULT = "unix:///var/run/docker.sock";

  public DockerHost {
    String scheme = uri.getScheme();
    if (!"unix".equals(scheme) && !"tcp".equals(scheme)) {
      throw new IllegalArgumentException(
          "unsupported DOCKER_HOST " + uri + " (use unix:///path or tcp://host:port)");
    }
    if ("tcp".equals(scheme) && (uri.getHost() == null || uri.getPort() < 0)) {
      throw new IllegalArgumentException("DOCKER_HOST " + uri + " needs a host and a port");
    }
  }

  /** The daemon at {@code host} (unix:///path or tcp://host:port), without TLS. */
  public static DockerHost of(String host) {
    return new DockerHost(URI.create(host), false, null);
  }

  /**
   * Settings from an environment map, with {@code override} (a --docker-host flag) winning over
   * DOCKER_HOST.
   */
  public static DockerHost fromEnvironment(Map<String, String> env, String override) {
    String host = override != null && !override.isBlank() ? override : env.get("DOCKER_HOST");
    if (host == null || host.isBlank()) {
      host = DEFAULT;
    }
    boolean tls = env.get("DOCKER_TLS_VERIFY") != null && !env.get("DOCKER_TLS_VERIFY").isEmpty();
    String certs = env.get("DOCKER_CERT_PATH");
    Path certPath =
        certs != null && !certs.isBlank()
            ? Path.of(certs)
            : Path.of(System.getProperty("user.home"), ".docker");
    return new DockerHost(URI.create(host), tls, tls ? certPath : null);
  }

  /** Settings from this process's environment. */
  public static DockerHost fromEnvironment(String override) {
    return fromEnvironment(System.getenv(), override);
  }

  /** The address as the CLI prints it in errors. */
  @Override
  public String toString() {
    return uri.toString();
  }
}
