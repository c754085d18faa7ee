package dev.ddlab.web.session;

import dev.ddlab.session.Session;
import dev.ddlab.web.PlaygroundConfig;
import dev.ddlab.web.panel.Panel;
import dev.ddlab.web.term.TerminalProgram;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All live sessions of the server: creates them within the capacity, finds them by the visitor's
 * cookie or by their public id (port links), and frees them at the end of their TTL or when idle.
 * Sessions live only in memory: a server restart ends them all (the page says so).
 */
public final class SessionManager implements AutoCloseable {
  private final PlaygroundConfig config;
  private final SessionFactory factory;
  private final TerminalProgram program;
  private final List<Panel> panels;
  private final Clock wall;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, WebSession> bySecret = new ConcurrentHashMap<>();
  private final Map<String, WebSession> byId = new ConcurrentHashMap<>();

  public SessionManager(
      PlaygroundConfig config,
      SessionFactory factory,
      TerminalProgram program,
      List<Panel> panels,
      Clock wall) {
    this.config = config;
    this.factory = factory;
    this.program = program;
    this.panels = List.copyOf(panels);
    this.wall = wall;
  }

  public PlaygroundConfig config() {
    return config;
  }

  public SessionFactory factory() {
    return factory;
  }

  public List<Panel> panels() {
    return panels;
  }

  public Instant now() {
    return wall.instant();
  }

  /**
   * Opens a session for a new visitor.
   *
   * @throws CapacityException when {@link PlaygroundConfig#maxSessions()} are live
   * @throws IllegalArgumentException for an unknown or unavailable template
   */
  public synchronized WebSession create(String template) {
    if (byId.size() >= config.maxSessions()) {
      throw new CapacityException(retryAfter());
    }
    SessionTemplate t =
        factory.templates().stream()
            .filter(x -> x.name().equals(template))
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("Không có mẫu phiên " + template + "."));
    if (!t.available()) {
      throw new IllegalArgumentException(t.label() + ": " + t.note());
    }
    Session session = factory.open(template, random.nextLong());
    String id = token(6);
    WebSession ws =
        new WebSession(
            id,
            token(24),
            session,
            factory.engineKind(),
            config,
            program,
            panels,
            wall.instant(),
            factory::open);
    byId.put(id, ws);
    bySecret.put(ws.secret(), ws);
    return ws;
  }

  public Optional<WebSession> bySecret(String secret) {
    return secret == null ? Optional.empty() : Optional.ofNullable(bySecret.get(secret));
  }

  public Optional<WebSession> byId(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
  }

  /** The cookie value that binds a browser to this session. */
  public String cookieOf(WebSession session) {
    return session.secret();
  }

  public int count() {
    return byId.size();
  }

  /** How long until a place frees up at the latest (the earliest deadline of a live session). */
  public Duration retryAfter() {
    Instant now = wall.instant();
    return byId.values().stream()
        .map(s -> min(s.expiresAt(), s.lastInput().plus(config.idleTimeout())))
        .min(Comparator.naturalOrder())
        .map(t -> Duration.between(now, t))
        .filter(d -> !d.isNegative())
        .orElse(Duration.ZERO);
  }

  /**
   * One beat of the server: maps {@code wallNanos} onto each session's virtual time, warns sessions
   * near their end and frees expired or idle ones.
   */
  public void tick(long wallNanos) {
    Instant now = wall.instant();
    for (WebSession s : new ArrayList<>(byId.values())) {
      if (!now.isBefore(s.expiresAt())) {
        end(
            s,
            "Phiên đã hết hạn sau "
                + hours(config.sessionTtl())
                + ". Tải lại trang để bắt đầu phiên mới.");
      } else if (!now.isBefore(s.lastInput().plus(config.idleTimeout()))) {
        end(
            s,
            "Phiên đã được giải phóng vì không dùng trong "
                + config.idleTimeout().toMinutes()
                + " phút. Tải lại trang để bắt đầu phiên mới.");
      } else {
        s.warnIfExpiringSoon(now);
        s.tick(wallNanos);
      }
    }
  }

  /** Ends a session at the visitor's request ("Kết thúc phiên"). */
  public void end(WebSession s, String reason) {
    byId.remove(s.id());
    bySecret.remove(s.secret());
    s.close(reason);
  }

  @Override
  public void close() {
    for (WebSession s : new ArrayList<>(byId.values())) {
      end(s, "Máy chủ đang dừng: mọi phiên mô phỏng đều kết thúc.");
    }
  }

  private String token(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static String hours(Duration d) {
    return d.toMinutes() % 60 == 0 ? d.toHours() + " giờ" : d.toMinutes() + " phút";
  }
}
