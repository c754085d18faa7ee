package dev.ddlab.web.session;

import dev.ddlab.session.Session;
import dev.ddlab.session.SimSession;
import java.util.List;

/** Sessions of simulated nodes ({@link SimSession}) for {@code ddlab serve --engine sim}. */
public final class SimSessionFactory implements SessionFactory {
  @Override
  public List<SessionTemplate> templates() {
    String swarmNote = "Swarm chưa được mô phỏng trong bản này";
    return List.of(
        new SessionTemplate("single", "1 node", "Một node Docker: node1 (192.168.0.11)", true, ""),
        new SessionTemplate(
            "swarm-3m3w",
            "3 manager, 3 worker",
            "mgr1–3 (10.0.0.1–3), wrk1–3 (10.0.0.4–6)",
            false,
            swarmNote),
        new SessionTemplate(
            "swarm-3m2w", "3 manager, 2 worker", "mgr1–3, wrk1–2", false, swarmNote),
        new SessionTemplate("swarm-5m", "5 manager", "mgr1–5", false, swarmNote),
        new SessionTemplate("swarm-1m1w", "1 manager, 1 worker", "mgr1, wrk1", false, swarmNote));
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
