package dev.ddlab.web.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.events.SimEvent;
import dev.ddlab.session.NodeBackend;
import dev.ddlab.session.Replay;
import dev.ddlab.session.Session;
import dev.ddlab.web.Json;
import dev.ddlab.web.PlaygroundConfig;
import dev.ddlab.web.panel.Panel;
import dev.ddlab.web.panel.PanelContext;
import dev.ddlab.web.panel.PanelModel;
import dev.ddlab.web.term.OutputBudget;
import dev.ddlab.web.term.Scrollback;
import dev.ddlab.web.term.TerminalProgram;
import dev.ddlab.web.term.WebTerminal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A visitor's session in the playground: the simulated (or real) {@link Session}, one {@link
 * WebTerminal} per node, the browsers connected to it, the panel models they opened, the mapping of
 * wall time onto virtual time, and the session's deadlines.
 *
 * <p>Every call into the {@link Session} goes through {@link #session()}, a view that takes this
 * session's lock (the Session itself is not thread-safe) and, after a call that may have changed
 * something, refreshes the panels the event bus marked dirty.
 */
public final class WebSession {
  private final String id;
  private final String secret;

  /** The session (a {@link SessionTimeline}'s recording when simulated); replaced by a rewind. */
  private volatile Session raw;

  /** The history a rewind replays; null for a real engine's session. */
  private final SessionTimeline timeline;

  private final Replay.Opener opener;
  private final java.util.concurrent.atomic.AtomicBoolean rewinding =
      new java.util.concurrent.atomic.AtomicBoolean();
  private int sentTimeline = -1;
  private boolean eventsSinceObserve = true;
  private final String engineKind;
  private final Session locked = new LockedSession(this);

  /** What panels see: the present session, across rewinds. */
  private final Session current = new CurrentSession(() -> raw);

  private final PlaygroundConfig config;
  private final TerminalProgram program;
  private final Map<String, Panel> panelTypes = new LinkedHashMap<>();
  private final Instant created;
  private final Instant expiresAt;
  private final ReentrantLock lock = new ReentrantLock();

  /**
   * Taken before {@link #lock} by every typed line and Ctrl-C, and by a rewind for its whole course
   * (plan, replay off the lock, install): a line typed while a rewind replays waits and is then
   * applied to the replayed session, instead of running on the session the rewind replaces (and
   * being lost with it). Never taken while holding {@link #lock}; the ticker takes only the lock.
   */
  private final ReentrantLock inputGate = new ReentrantLock();

  private final OutputBudget budget;
  private final Map<String, WebTerminal> terminals = new LinkedHashMap<>();
  private final Set<Client> clients = new CopyOnWriteArraySet<>();
  private final Map<String, Set<Client>> terminalClients =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, PanelModel> models = new LinkedHashMap<>();
  private final Set<String> dirtyModels = new LinkedHashSet<>();
  private AutoCloseable subscription;
  private boolean nodesDirty = true;
  private String lastNodes = "";
  private volatile Instant lastInput;
  private volatile boolean warned;
  private volatile boolean closed;
  private boolean paused;
  private double speed = 1.0;
  private double owedNanos;

  /** The slowest speed: one microsecond of virtual time per millisecond of wall time. */
  static final double MIN_SPEED = 0.001;

  static final double MAX_SPEED = 100;

  /**
   * The ticker moves virtual time once at least this much is owed: at {@link #MIN_SPEED} a beat of
   * 250 ms owes 250 µs, which moves at once rather than every fourth beat.
   */
  static final long MIN_ADVANCE_NANOS = 1_000L;

  /**
   * Replays running at once in this server, every session together: a replay is simulation work as
   * long as the original's, so they get at most half the cores and a rewind beyond that is refused
   * with a message rather than queued.
   */
  private static final java.util.concurrent.Semaphore REPLAYS =
      new java.util.concurrent.Semaphore(
          Math.max(1, Runtime.getRuntime().availableProcessors() / 2));

  WebSession(
      String id,
      String secret,
      Session session,
      String engineKind,
      PlaygroundConfig config,
      TerminalProgram program,
      List<Panel> panels,
      Instant now,
      Replay.Opener opener) {
    this.id = id;
    this.secret = secret;
    // time follows the ticker: a typed line does not wait out a sleep (a replay alike)
    session.followTicker();
    opener = opener == null ? null : tickerDriven(opener);
    this.opener = opener;
    this.timeline =
        opener != null && session.introspection().simulated()
            ? new SessionTimeline(session, opener)
            : null;
    this.raw = timeline == null ? session : timeline.session();
    this.engineKind = engineKind;
    this.config = config;
    this.program = program;
    for (Panel p : panels) {
      panelTypes.put(p.id(), p);
    }
    this.created = now;
    this.expiresAt = now.plus(config.sessionTtl());
    this.lastInput = now;
    this.budget = new OutputBudget(config.outputBytesPerSecond());
    this.subscription = raw.events().subscribe(SimEvent.class, this::onEvent);
    for (String node : session.nodes()) {
      openTerminal(node);
    }
  }

  public String id() {
    return id;
  }

  /** Sessions the opener opens follow the ticker, as the recorded one did. */
  private static Replay.Opener tickerDriven(Replay.Opener opener) {
    return (template, seed) -> {
      Session s = opener.open(template, seed);
      s.followTicker();
      return s;
    };
  }

  String secret() {
    return secret;
  }

  /** The session, serialised by this web session's lock. */
  public Session session() {
    return locked;
  }

  public Instant created() {
    return created;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public Instant lastInput() {
    return lastInput;
  }

  public boolean isClosed() {
    return closed;
  }

  public List<String> nodes() {
    return withLock(raw::nodes);
  }

  /**
   * The node's backend (files, published ports); call its methods only inside {@link #withLock}.
   */
  public NodeBackend rawNode(String node) {
    return raw.node(node);
  }

  /** The present session, without the lock: for {@link LockedSession}, which takes it. */
  Session raw() {
    return raw;
  }

  public WebTerminal terminal(String node) {
    synchronized (terminals) {
      return terminals.get(node);
    }
  }

  public int clientCount() {
    return clients.size();
  }

  /** Runs {@code action} holding the session's lock, then refreshes what it changed. */
  public <T> T withLock(Supplier<T> action) {
    lock.lock();
    try {
      T result = action.get();
      refreshViews();
      return result;
    } finally {
      lock.unlock();
    }
  }

  // ---- browsers ----

  public void connect(Client client, Instant now) {
    clients.add(client);
    ObjectNode hello = Json.message("hello");
    ObjectNode s = hello.putObject("session");
    s.put("id", id);
    s.put("template", raw.template());
    s.put("engine", engineKind);
    s.put("remainingSeconds", Math.max(0, Duration.between(now, expiresAt).toSeconds()));
    s.put("ttlSeconds", config.sessionTtl().toSeconds());
    s.put("warningSeconds", config.ttlWarning().toSeconds());
    s.put("idleSeconds", config.idleTimeout().toSeconds());
    ObjectNode limits = hello.putObject("limits");
    limits.put("maxNodes", config.maxNodes());
    limits.put("maxUploadBytes", config.maxUploadBytes());
    limits.put("outputBytesPerSecond", config.outputBytesPerSecond());
    ArrayNode ps = hello.putArray("panels");
    panelTypes.values().stream()
        .sorted((a, b) -> Integer.compare(a.order(), b.order()))
        .forEach(
            p ->
                ps.addObject().put("id", p.id()).put("title", p.title()).put("script", p.script()));
    withLock(
        () -> {
          hello.set("nodes", nodesJson());
          hello.set("time", timeJson());
          hello.set("timeline", timelineJson());
          return null;
        });
    client.send(Json.write(hello));
    List<WebTerminal> ts;
    synchronized (terminals) {
      ts = new ArrayList<>(terminals.values());
    }
    for (WebTerminal t : ts) {
      t.attach(
          text -> {
            ObjectNode replay = Json.message("output");
            replay.put("node", t.node()).put("data", text).put("replay", true);
            client.send(Json.write(replay));
          },
          () -> viewers(t.node()).add(client));
    }
  }

  private Set<Client> viewers(String node) {
    return terminalClients.computeIfAbsent(node, n -> new CopyOnWriteArraySet<>());
  }

  public void disconnect(Client client) {
    clients.remove(client);
    terminalClients.values().forEach(v -> v.remove(client));
  }

  /** A protocol message from a browser; bad messages answer with an "error" message. */
  public void onMessage(Client client, JsonNode msg, Instant now) {
    String type = msg.path("type").asText();
    switch (type) {
      case "input" -> {
        lastInput = now;
        WebTerminal t = terminal(msg.path("node").asText());
        if (t != null) {
          t.input(msg.path("data").asText());
        }
      }
      case "resize" -> {
        WebTerminal t = terminal(msg.path("node").asText());
        if (t != null) {
          t.resize(msg.path("cols").asInt(), msg.path("rows").asInt());
        }
      }
      case "panel.open" -> openPanel(client, msg.path("panel").asText());
      case "panel.close" -> client.panels().remove(msg.path("panel").asText());
      case "panel.request" -> panelRequest(client, msg);
      case "time" -> time(client, msg);
      case "ping" -> client.send(Json.write(Json.message("pong")));
      default -> client.send(error("unknown message type: " + type));
    }
  }

  private void openPanel(Client client, String panelId) {
    Panel panel = panelTypes.get(panelId);
    if (panel == null) {
      client.send(error("no such panel: " + panelId));
      return;
    }
    client.panels().add(panelId);
    JsonNode snapshot = withLock(() -> model(panel).snapshot());
    ObjectNode m = Json.message("panel.snapshot");
    m.put("panel", panelId).set("data", snapshot);
    client.send(Json.write(m));
  }

  private void panelRequest(Client client, JsonNode msg) {
    String panelId = msg.path("panel").asText();
    Panel panel = panelTypes.get(panelId);
    if (panel == null) {
      client.send(error("no such panel: " + panelId));
      return;
    }
    JsonNode answer = withLock(() -> model(panel).request(msg.path("args")));
    if (answer != null) {
      ObjectNode m = Json.message("panel.answer");
      m.put("panel", panelId).put("id", msg.path("id").asInt()).set("data", answer);
      client.send(Json.write(m));
    }
  }

  private PanelModel model(Panel panel) {
    PanelModel m = models.get(panel.id());
    if (m == null) {
      m =
          panel.open(
              new PanelContext() {
                @Override
                public Session session() {
                  return current;
                }

                @Override
                public void publish(JsonNode delta) {
                  ObjectNode msg = Json.message("panel.delta");
                  msg.put("panel", panel.id()).set("data", delta);
                  String text = Json.write(msg);
                  for (Client c : clients) {
                    if (c.panels().contains(panel.id())) {
                      c.send(text);
                    }
                  }
                }
              });
      models.put(panel.id(), m);
    }
    return m;
  }

  private void onEvent(SimEvent event) {
    nodesDirty = true;
    eventsSinceObserve = true;
    for (Map.Entry<String, PanelModel> e : models.entrySet()) {
      if (e.getValue().affectedBy(event)) {
        dirtyModels.add(e.getKey());
      }
    }
  }

  /** Called with the lock held after anything that may have changed the simulation. */
  private void refreshViews() {
    if (closed) {
      return;
    }
    if (!dirtyModels.isEmpty()) {
      List<String> dirty = new ArrayList<>(dirtyModels);
      dirtyModels.clear();
      for (String p : dirty) {
        models.get(p).refresh();
      }
    }
    if (timeline != null) {
      if (eventsSinceObserve) {
        // a leader or term changes only with events (Raft's messages, a daemon's stop)
        eventsSinceObserve = false;
        timeline.observe();
      }
      if (timeline.version() != sentTimeline) {
        sentTimeline = timeline.version();
        broadcast(Json.write(Json.message("timeline").setAll(timelineJson())));
      }
    }
    if (nodesDirty) {
      nodesDirty = false;
      ArrayNode nodes = nodesJson();
      String text = Json.write(nodes);
      if (!text.equals(lastNodes)) {
        lastNodes = text;
        ObjectNode msg = Json.message("nodes");
        msg.set("nodes", nodes);
        broadcast(Json.write(msg));
      }
    }
  }

  private ArrayNode nodesJson() {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (String node : raw.nodes()) {
      ObjectNode n = out.addObject();
      n.put("name", node);
      n.put("address", raw.nodeAddress(node));
      n.set("ports", PublishedPorts.of(raw.engine(node)));
    }
    return out;
  }

  // ---- nodes ----

  /**
   * Adds a node (with its terminal).
   *
   * @throws LimitException when the session already has {@link PlaygroundConfig#maxNodes()} nodes
   */
  public String addNode() {
    return withLock(
        () -> {
          if (raw.nodes().size() >= config.maxNodes()) {
            throw new LimitException(
                "Mỗi phiên có tối đa " + config.maxNodes() + " node. Hãy xoá bớt một node trước.");
          }
          String node;
          try {
            node = raw.addNode();
          } catch (IllegalStateException e) {
            throw new LimitException(e.getMessage());
          }
          openTerminal(node);
          nodesDirty = true;
          return node;
        });
  }

  public void removeNode(String node) {
    withLock(
        () -> {
          if (!raw.nodes().contains(node)) {
            throw new java.util.NoSuchElementException("Không có node " + node + ".");
          }
          try {
            raw.removeNode(node);
          } catch (IllegalStateException e) {
            throw new LimitException(e.getMessage());
          }
          WebTerminal t;
          synchronized (terminals) {
            t = terminals.remove(node);
          }
          if (t != null) {
            t.close();
          }
          terminalClients.remove(node);
          nodesDirty = true;
          return null;
        });
  }

  private void openTerminal(String node) {
    Scrollback scrollback = new Scrollback(config.scrollbackChars());
    Set<Client> viewers = viewers(node);
    viewers.addAll(clients);
    WebTerminal t =
        new WebTerminal(
            node,
            locked,
            program,
            scrollback,
            budget,
            data -> {
              ObjectNode m = Json.message("output");
              m.put("node", node).put("data", data);
              String text = Json.write(m);
              for (Client c : viewers) {
                c.send(text);
              }
            });
    synchronized (terminals) {
      terminals.put(node, t);
    }
    t.start();
  }

  // ---- time ----

  private void time(Client client, JsonNode msg) {
    String action = msg.path("action").asText();
    if (action.equals("rewind")) {
      rewind(client, msg);
      return;
    }
    withLock(
        () -> {
          switch (action) {
            case "pause" -> paused = true;
            case "play" -> paused = false;
            case "step" -> {
              raw.advance(Duration.ofMillis(Math.max(1, msg.path("ms").asLong(1000))));
              pushTerminals();
            }
            case "speed" ->
                speed = Math.max(MIN_SPEED, Math.min(MAX_SPEED, msg.path("speed").asDouble(1)));
            default -> {
              return null;
            }
          }
          ObjectNode m = Json.message("time");
          m.setAll(timeJson());
          broadcast(Json.write(m));
          return null;
        });
  }

  private ObjectNode timeJson() {
    ObjectNode t = Json.MAPPER.createObjectNode();
    t.put("paused", paused);
    t.put("speed", speed);
    t.put("now", raw.now().toString());
    return t;
  }

  private ObjectNode timelineJson() {
    return timeline == null
        ? SessionTimeline.refused(SessionTimeline.REFUSED_REAL)
        : timeline.json();
  }

  // ---- rewind ----

  /**
   * Goes back to an earlier moment ({@code before}: an input's index, or {@code atMs} after the
   * session's start): pauses, replays a fresh session of the same template and seed to that moment
   * off the lock (the terminals and the ticker carry on meanwhile, other sessions are untouched),
   * then takes it as the session: terminals show what they showed then, panels start again from the
   * replayed state. Answers every tab with a {@code rewind} message {ok, message}.
   */
  private void rewind(Client client, JsonNode msg) {
    if (timeline == null) {
      client.send(rewindAnswer(false, SessionTimeline.REFUSED_REAL));
      return;
    }
    if (!rewinding.compareAndSet(false, true)) {
      client.send(rewindAnswer(false, "Đang tua lại, chờ một chút."));
      return;
    }
    inputGate.lock();
    try {
      SessionTimeline.Plan plan;
      try {
        plan =
            withLock(
                () -> {
                  paused = true;
                  owedNanos = 0;
                  broadcast(Json.write(Json.message("time").setAll(timeJson())));
                  return timeline.plan(
                      msg.path("before").asInt(-1), msg.path("atMs").asDouble(Double.NaN));
                });
      } catch (IllegalArgumentException e) {
        client.send(rewindAnswer(false, e.getMessage()));
        return;
      }
      if (!REPLAYS.tryAcquire()) {
        client.send(
            rewindAnswer(false, "Máy chủ đang phát lại các phiên khác; thử tua lại sau vài giây."));
        return;
      }
      broadcast(rewindAnswer(true, "Đang phát lại phiên đến thời điểm đã chọn…"));
      Replay.Result r;
      try {
        r =
            Replay.replay(
                opener, raw.template(), raw.seed(), plan.inputs(), plan.count(), plan.untilNanos());
      } catch (RuntimeException e) {
        client.send(
            rewindAnswer(
                false, "Không tua lại được: bản phát lại không khớp với phiên (" + e + ")."));
        return;
      } finally {
        REPLAYS.release();
      }
      withLock(
          () -> {
            install(r);
            return null;
          });
    } finally {
      rewinding.set(false);
      inputGate.unlock();
    }
  }

  /** A typed line or key, through the input gate (see {@link #inputGate}), then the lock. */
  <T> T input(Supplier<T> action) {
    inputGate.lock();
    try {
      return withLock(action);
    } finally {
      inputGate.unlock();
    }
  }

  /** Takes a replayed session as this one's (with the lock held). */
  private void install(Replay.Result r) {
    if (closed) {
      r.session().close();
      return;
    }
    Session old = raw;
    try {
      subscription.close();
    } catch (Exception e) {
      // the old bus goes away with the old session
    }
    for (PanelModel model : models.values()) {
      model.close();
    }
    models.clear();
    dirtyModels.clear();
    timeline.install(r.session(), r.applied());
    raw = timeline.session();
    subscription = raw.events().subscribe(SimEvent.class, this::onEvent);
    old.close();
    List<String> now = raw.nodes();
    List<String> gone;
    synchronized (terminals) {
      gone = terminals.keySet().stream().filter(n -> !now.contains(n)).toList();
    }
    for (String node : gone) {
      WebTerminal t;
      synchronized (terminals) {
        t = terminals.remove(node);
      }
      t.close();
      terminalClients.remove(node);
    }
    for (String node : now) {
      boolean fresh = terminal(node) == null;
      if (fresh) {
        openTerminal(node);
      }
      String screen = r.screens().getOrDefault(node, "");
      WebTerminal t = terminal(node);
      t.replaceScreen(
          screen.replace("\r\n", "\n").replace("\n", "\r\n"),
          text -> {
            ObjectNode m = Json.message("output");
            m.put("node", node).put("data", text).put("replay", true);
            String json = Json.write(m);
            viewers(node).forEach(c -> c.send(json));
          });
      if (!fresh) {
        // the REPL draws the present prompt under it (the one it showed may be another's); a new
        // terminal's REPL draws its first prompt itself
        t.reprompt();
      }
    }
    nodesDirty = true;
    for (Client c : clients) {
      for (String panelId : List.copyOf(c.panels())) {
        Panel panel = panelTypes.get(panelId);
        if (panel != null) {
          ObjectNode m = Json.message("panel.snapshot");
          m.put("panel", panelId).set("data", model(panel).snapshot());
          c.send(Json.write(m));
        }
      }
    }
    broadcast(Json.write(Json.message("time").setAll(timeJson())));
    broadcast(
        rewindAnswer(
            true,
            "Đã tua về "
                + raw.now().toString().substring(11, 19)
                + " (giờ mô phỏng). Thời gian đang dừng."));
  }

  private static String rewindAnswer(boolean ok, String message) {
    return Json.write(Json.message("rewind").put("ok", ok).put("message", message));
  }

  /**
   * Maps {@code wallNanos} of wall time onto virtual time at the chosen speed. Skips (and owes the
   * time) when a command is running, so a long command never blocks the server's ticker.
   */
  void tick(long wallNanos) {
    if (closed) {
      return;
    }
    if (!lock.tryLock()) {
      if (!paused) {
        owedNanos += wallNanos * speed;
      }
      return;
    }
    try {
      if (!paused) {
        owedNanos += wallNanos * speed;
        long step = (long) owedNanos;
        if (step >= MIN_ADVANCE_NANOS) {
          owedNanos -= step;
          raw.advance(Duration.ofNanos(step));
          refreshViews();
          pushTerminals();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Under the lock, after time moved: busy terminals show what they printed, and their prompt. */
  private void pushTerminals() {
    synchronized (terminals) {
      for (WebTerminal t : terminals.values()) {
        t.afterTick(raw.prompt(t.node()), raw.outputPending(t.node()));
      }
    }
  }

  // ---- deadlines ----

  boolean warnIfExpiringSoon(Instant now) {
    if (!warned && !now.isBefore(expiresAt.minus(config.ttlWarning()))) {
      warned = true;
      ObjectNode m = Json.message("expiring");
      m.put("remainingSeconds", Math.max(0, Duration.between(now, expiresAt).toSeconds()));
      broadcast(Json.write(m));
      return true;
    }
    return false;
  }

  /** Tells the browsers why the session ends, then frees everything. */
  void close(String reason) {
    if (closed) {
      return;
    }
    ObjectNode m = Json.message("closed");
    m.put("reason", reason);
    String text = Json.write(m);
    for (Client c : clients) {
      c.send(text);
      c.close(1000, "session closed");
    }
    clients.clear();
    lock.lock();
    try {
      closed = true;
      for (PanelModel model : models.values()) {
        model.close();
      }
      models.clear();
      try {
        subscription.close();
      } catch (Exception e) {
        // the bus is going away with the session
      }
      synchronized (terminals) {
        terminals.values().forEach(WebTerminal::close);
        terminals.clear();
      }
      raw.close();
    } finally {
      lock.unlock();
    }
  }

  private void broadcast(String text) {
    for (Client c : clients) {
      c.send(text);
    }
  }

  private static String error(String message) {
    return Json.write(Json.message("error").put("message", message));
  }
}
