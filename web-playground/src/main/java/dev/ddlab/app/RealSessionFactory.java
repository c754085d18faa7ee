package dev.ddlab.app;

import dev.ddlab.bridge.RealEngineSessions;
import dev.ddlab.session.Session;
import dev.ddlab.session.Template;
import dev.ddlab.web.session.SessionFactory;
import dev.ddlab.web.session.SessionTemplate;
import java.util.List;

/**
 * Sessions on a real Docker daemon for {@code ddlab serve --engine real}: the daemon is the one
 * DOCKER_HOST names (as the docker CLI reads it), and every session runs inside the bridge's guard,
 * so a classroom server keeps each visitor to their own labelled, limited objects and removes them
 * when the session ends. One real daemon means one node per session.
 */
public final class RealSessionFactory implements SessionFactory {
  private final String dockerHost;

  /** Sessions on the daemon DOCKER_HOST names. */
  public RealSessionFactory() {
    this(null);
  }

  /** Sessions on {@code dockerHost} ({@code unix:///…}, {@code tcp://…}; null: DOCKER_HOST). */
  public RealSessionFactory(String dockerHost) {
    this.dockerHost = dockerHost;
  }

  @Override
  public List<SessionTemplate> templates() {
    return Template.ALL.stream()
        .map(
            t ->
                t == Template.SINGLE
                    ? new SessionTemplate(
                        t.name(),
                        t.label(),
                        "Docker Engine thật của máy chủ (DOCKER_HOST), có lớp bảo vệ của lớp học",
                        true,
                        "")
                    : SessionTemplate.of(t, false, "Chế độ Docker thật chỉ có một node"))
        .toList();
  }

  @Override
  public Session open(String template, long seed) {
    if (!template.equals(Template.SINGLE.name())) {
      throw new IllegalArgumentException(
          "Chế độ Docker thật chỉ mở được mẫu \"1 node\", không mở được '" + template + "'");
    }
    return RealEngineSessions.open(dockerHost, true, seed, System.getenv(), System.err::println);
  }

  @Override
  public String engineKind() {
    return "real";
  }
}
