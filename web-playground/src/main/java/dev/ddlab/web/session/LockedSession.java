package dev.ddlab.web.session;

import dev.ddlab.events.EventBus;
import dev.ddlab.introspect.Introspection;
import dev.ddlab.session.ForwardingSession;
import dev.ddlab.session.NetworkFaults;
import dev.ddlab.session.Session;
import dev.ddlab.session.TranscriptEntry;
import dev.ddlab.web.term.WebTerminal;
import java.util.List;
import java.util.function.Function;

/**
 * The session view handed to terminal programs: each call takes the lock; a typed line, a key and a
 * resize go through the input gate first. What never changes (id, seed, template) and what has its
 * own guard (the event bus, introspection, faults) is read without the lock.
 */
final class LockedSession extends ForwardingSession {
  private final WebSession web;

  LockedSession(WebSession web) {
    this.web = web;
  }

  @Override
  protected Session delegate() {
    return web.raw();
  }

  @Override
  protected <T> T forward(Function<Session, T> call) {
    return web.withLock(() -> call.apply(web.raw()));
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
  public Introspection introspection() {
    return web.raw().introspection();
  }

  @Override
  public NetworkFaults networkFaults() {
    return web.raw().networkFaults();
  }

  @Override
  public EventBus events() {
    return web.raw().events();
  }

  @Override
  public TranscriptEntry type(String node, String line) {
    return web.input(() -> web.raw().type(node, line));
  }

  @Override
  public TranscriptEntry interrupt(String node) {
    return web.input(() -> web.raw().interrupt(node));
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
  public String unshownOutput(String node) {
    WebTerminal t = web.terminal(node);
    if (t != null) {
      t.pushTaken();
    }
    return super.unshownOutput(node);
  }

  @Override
  public List<TranscriptEntry> transcript() {
    return forward(s -> List.copyOf(s.transcript()));
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
