package dev.ddlab.bridge.session;

import dev.ddlab.engine.Engine;
import dev.ddlab.engine.dto.EventMessage;
import dev.ddlab.events.EngineEvent;
import dev.ddlab.events.EventBus;
import dev.ddlab.session.NodeBackend;
import dev.ddlab.session.SessionBackend;
import dev.ddlab.session.Template;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A session's one node in front of a real engine: the learner's client machine ({@link
 * ClientNode}), whose {@code docker} talks to the engine (the classroom guard, usually). The
 * engine's events for the session's objects reach the session's {@link EventBus} (the panels and
 * the node list redraw from it) on the session's own thread: they queue as the daemon sends them
 * and {@link #deliverEvents()} publishes them. One real daemon is one node: nodes cannot be added
 * or removed.
 */
public final class RealBackend implements SessionBackend {
  static final String ONE_NODE =
      "Chế độ Docker thật chỉ có một node: Engine thật của lớp học là một máy, không thêm hay bớt"
          + " node được. Muốn thử nhiều node, hãy mở một phiên mô phỏng.";

  private final ClientNode node;
  private final EventBus bus = new EventBus();
  private final Queue<EventMessage> arrived = new ConcurrentLinkedQueue<>();
  private final AutoCloseable subscription;
  private final AutoCloseable onClose;

  /**
   * @param engine the engine the node's docker talks to (a guarded one shows only the session's own
   *     objects, events and published ports)
   * @param onClose what closing the session frees (the guard removes what the session made)
   */
  public RealBackend(Engine engine, AutoCloseable onClose) {
    Template.Node n = Template.SINGLE.nodes().get(0);
    this.node = new ClientNode(n.name(), n.address(), engine);
    this.onClose = onClose;
    this.subscription = engine.system().subscribe(Map.of(), arrived::add);
  }

  @Override
  public List<NodeBackend> nodes() {
    return List.of(node);
  }

  @Override
  public NodeBackend addNode() {
    throw new IllegalStateException(ONE_NODE);
  }

  @Override
  public void removeNode(String name) {
    throw new IllegalStateException(ONE_NODE);
  }

  @Override
  public EventBus events() {
    return bus;
  }

  @Override
  public void deliverEvents() {
    EventMessage m;
    while ((m = arrived.poll()) != null) {
      bus.publish(new EngineEvent(m.timeNano(), node.name(), m));
    }
  }

  @Override
  public void close() {
    try {
      subscription.close();
    } catch (Exception e) {
      // the event stream is going away with the session
    }
    try {
      onClose.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing the session's engine failed: " + e.getMessage(), e);
    }
  }
}
