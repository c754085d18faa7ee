package dev.ddlab.web.session;

import dev.ddlab.engine.Engine;
import dev.ddlab.events.EventBus;
import dev.ddlab.introspect.Introspection;
import dev.ddlab.session.NetworkFaults;
import dev.ddlab.session.NodeBackend;
import dev.ddlab.session.Session;
import dev.ddlab.session.TranscriptEntry;
import dev.ddlab.web.term.WebTerminal;
import java.time.Duration;
import java.util.List;

/** The session view handed to terminal programs: each call takes the lock. */
final class LockedSession implements Session {
  private final WebSession web;

  LockedSession(WebSession web) {
    this.web = web;
  }

  @Override
  public String id() {
    return web.raw().id();
  }

  @Override
  public long seed() {
    return web.raw().seed();
  }

  @Override
  public String template() {
    return web.raw().template();
  }

  @Override
  public List<String> nodes() {
    return web.withLock(web.raw()::nodes);
  }

  @Override
  public String nodeAddress(String node) {
    return web.withLock(() -> web.raw().nodeAddress(node));
  }

  @Override
  public String prompt(String node) {
    return web.withLock(() -> web.raw().prompt(node));
  }

  @Override
  public TranscriptEntry type(String node, String line) {
    return web.input(() -> web.raw().type(node, line));
  }

  @Override
  public void resize(String node, int columns, int rows) {
    web.input(
        () -> {
          web.raw().resize(node, columns, rows);
          return null;
        });
  }

  @Override
  public boolean isAttached(String node) {
    return web.withLock(() -> web.raw().isAttached(node));
  }

  @Override
  public boolean echoes(String node) {
    return web.withLock(() -> web.raw().echoes(node));
  }

  @Override
  public String unshownOutput(String node) {
    WebTerminal t = web.terminal(node);
    if (t != null) {
      t.pushTaken();
    }
    return web.withLock(() -> web.raw().unshownOutput(node));
  }

  @Override
  public int shownOutput(String node) {
    return web.withLock(() -> web.raw().shownOutput(node));
  }

  @Override
  public TranscriptEntry interrupt(String node) {
    return web.input(() -> web.raw().interrupt(node));
  }

  @Override
  public List<String> complete(String node, String line) {
    return web.withLock(() -> web.raw().complete(node, line));
  }

  @Override
  public List<TranscriptEntry> transcript() {
    return web.withLock(() -> List.copyOf(web.raw().transcript()));
  }

  @Override
  public Engine engine(String node) {
    return web.withLock(() -> web.raw().engine(node));
  }

  @Override
  public NodeBackend node(String node) {
    return web.withLock(() -> web.raw().node(node));
  }

  @Override
  public Introspection introspection() {
    return web.raw().introspection();
  }

  @Override
  public NetworkFaults networkFaults() {
    return web.raw().networkFaults();
  }

  @Override
  public long nowNanos() {
    return web.withLock(web.raw()::nowNanos);
  }

  @Override
  public EventBus events() {
    return web.raw().events();
  }

  @Override
  public void advance(Duration d) {
    web.withLock(
        () -> {
          web.raw().advance(d);
          return null;
        });
  }

  @Override
  public String addNode() {
    return web.addNode();
  }

  @Override
  public void removeNode(String node) {
    web.removeNode(node);
  }

  @Override
  public void close() {
    // a terminal program cannot end the visitor's session
  }
}
