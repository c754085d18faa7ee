package dev.ddlab.app;

import dev.ddlab.session.Session;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.Template;
import dev.ddlab.web.session.SessionFactory;
import dev.ddlab.web.session.SessionTemplate;
import java.util.List;

/** Sessions of simulated nodes ({@link SimSession}) for {@code ddlab serve --engine sim}. */
public final class SimSessionFactory implements SessionFactory {
  @Override
  public List<SessionTemplate> templates() {
    return Template.ALL.stream().map(t -> SessionTemplate.of(t, true, "")).toList();
  }

  @Override
  public Session open(String template, long seed) {
    return SimSession.open(template, seed);
  }

  @Override
  public String engineKind() {
    return "sim";
  }
}
