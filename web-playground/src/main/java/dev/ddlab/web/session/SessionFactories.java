package dev.ddlab.web.session;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The session factories on the class path ({@code META-INF/services/
 * dev.ddlab.web.session.SessionFactory}): the launcher registers the simulated engine's and the
 * real bridge's ({@code dev.ddlab.app}, the only layer that wires simulated nodes), and {@code
 * ddlab serve --engine} picks by {@link SessionFactory#engineKind()}.
 */
public final class SessionFactories {
  private SessionFactories() {}

  public static List<SessionFactory> installed() {
    List<SessionFactory> out = new ArrayList<>();
    ServiceLoader.load(SessionFactory.class, SessionFactories.class.getClassLoader())
        .forEach(out::add);
    return out;
  }

  /**
   * @throws IllegalStateException naming what is missing when no factory of that kind is installed
   */
  public static SessionFactory forEngine(String kind) {
    return installed().stream()
        .filter(f -> f.engineKind().equals(kind))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no session factory for engine '"
                        + kind
                        + "' in this build (installed: "
                        + installed().stream().map(SessionFactory::engineKind).toList()
                        + ")"));
  }
}
