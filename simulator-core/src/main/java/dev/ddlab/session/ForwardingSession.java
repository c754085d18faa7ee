package dev.ddlab.session;

import dev.ddlab.engine.Engine;
import dev.ddlab.events.EventBus;
import dev.ddlab.introspect.Introspection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link Session} that hands every call to another one, for decorators (the recording, the
 * playground's locked and current views): a decorator overrides only what it changes, and a method
 * added to {@code Session} is forwarded by all of them once it is added here ({@code
 * SessionDecoratorsTest} fails for a method of {@code Session} a decorator does not pass on). Every
 * call goes through {@link #forward}, so a decorator that wraps each call (a lock) overrides that
 * alone.
 */
public abstract class ForwardingSession implements Session {
  /** The session calls go to, asked at each call (a view may follow a session that changes). */
  protected abstract Session delegate();

  /** Runs one call on the delegate; a decorator may wrap it (take a lock, count it). */
  protected <T> T forward(Function<Session, T> call) {
    return call.apply(delegate());
  }

  private void forwardVoid(Consumer<Session> call) {
    forward(
        s -> {
          call.accept(s);
          return null;
        });
  }

  @Override
  public String id() {
    return forward(Session::id);
  }

  @Override
  public long seed() {
    return forward(Session::seed);
  }

  @Override
  public String template() {
    return forward(Session::template);
  }

  @Override
  public List<String> nodes() {
    return forward(Session::nodes);
  }

  @Override
  public NodeBackend node(String node) {
    return forward(s -> s.node(node));
  }

  @Override
  public String nodeAddress(String node) {
    return forward(s -> s.nodeAddress(node));
  }

  @Override
  public Engine engine(String node) {
    return forward(s -> s.engine(node));
  }

  @Override
  public String prompt(String node) {
    return forward(s -> s.prompt(node));
  }

  @Override
  public TranscriptEntry type(String node, String line) {
    return forward(s -> s.type(node, line));
  }

  @Override
  public TranscriptEntry interrupt(String node) {
    return forward(s -> s.interrupt(node));
  }

  @Override
  public boolean isAttached(String node) {
    return forward(s -> s.isAttached(node));
  }

  @Override
  public boolean echoes(String node) {
    return forward(s -> s.echoes(node));
  }

  @Override
  public String unshownOutput(String node) {
    return forward(s -> s.unshownOutput(node));
  }

  @Override
  public boolean outputPending(String node) {
    return forward(s -> s.outputPending(node));
  }

  @Override
  public int shownOutput(String node) {
    return forward(s -> s.shownOutput(node));
  }

  @Override
  public void followTicker() {
    forwardVoid(Session::followTicker);
  }

  @Override
  public void resize(String node, int columns, int rows) {
    forwardVoid(s -> s.resize(node, columns, rows));
  }

  @Override
  public List<String> complete(String node, String line) {
    return forward(s -> s.complete(node, line));
  }

  @Override
  public List<TranscriptEntry> transcript() {
    return forward(Session::transcript);
  }

  @Override
  public Introspection introspection() {
    return forward(Session::introspection);
  }

  @Override
  public NetworkFaults networkFaults() {
    return forward(Session::networkFaults);
  }

  @Override
  public long nowNanos() {
    return forward(Session::nowNanos);
  }

  @Override
  public Instant now() {
    return forward(Session::now);
  }

  @Override
  public void advance(Duration d) {
    forwardVoid(s -> s.advance(d));
  }

  @Override
  public EventBus events() {
    return forward(Session::events);
  }

  @Override
  public String addNode() {
    return forward(Session::addNode);
  }

  @Override
  public void removeNode(String node) {
    forwardVoid(s -> s.removeNode(node));
  }

  @Override
  public void close() {
    forwardVoid(Session::close);
  }
}
