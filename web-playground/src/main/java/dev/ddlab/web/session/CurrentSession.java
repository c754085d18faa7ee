package dev.ddlab.web.session;

import dev.ddlab.engine.Engine;
import dev.ddlab.events.EventBus;
import dev.ddlab.introspect.Introspection;
import dev.ddlab.session.NetworkFaults;
import dev.ddlab.session.NodeBackend;
import dev.ddlab.session.Session;
import dev.ddlab.session.TranscriptEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The session a web session's panels see: one object for the web session's life that forwards to
 * its present session, so a rewind (which replaces the session) leaves what panels key by it, such
 * as the lab attached to it, in place. No lock is taken: panel models run with it held.
 */
final class CurrentSession implements Session {
  private final Supplier<Session> present;

  CurrentSession(Supplier<Session> present) {
    this.present = present;
  }

  private Session s() {
    return present.get();
  }

  @Override
  public String id() {
    return s().id();
  }

  @Override
  public long seed() {
    return s().seed();
  }

  @Override
  public String template() {
    return s().template();
  }

  @Override
  public List<String> nodes() {
    return s().nodes();
  }

  @Override
  public NodeBackend node(String node) {
    return s().node(node);
  }

  @Override
  public String nodeAddress(String node) {
    return s().nodeAddress(node);
  }

  @Override
  public Engine engine(String node) {
    return s().engine(node);
  }

  @Override
  public String prompt(String node) {
    return s().prompt(node);
  }

  @Override
  public TranscriptEntry type(String node, String line) {
    return s().type(node, line);
  }

  @Override
  public TranscriptEntry interrupt(String node) {
    return s().interrupt(node);
  }

  @Override
  public boolean isAttached(String node) {
    return s().isAttached(node);
  }

  @Override
  public List<String> complete(String node, String line) {
    return s().complete(node, line);
  }

  @Override
  public List<TranscriptEntry> transcript() {
    return s().transcript();
  }

  @Override
  public Introspection introspection() {
    return s().introspection();
  }

  @Override
  public NetworkFaults networkFaults() {
    return s().networkFaults();
  }

  @Override
  public long nowNanos() {
    return s().nowNanos();
  }

  @Override
  public Instant now() {
    return s().now();
  }

  @Override
  public void advance(Duration d) {
    s().advance(d);
  }

  @Override
  public EventBus events() {
    return s().events();
  }

  @Override
  public String addNode() {
    return s().addNode();
  }

  @Override
  public void removeNode(String node) {
    s().removeNode(node);
  }

  /** A panel cannot end the visitor's session. */
  @Override
  public void close() {}
}
