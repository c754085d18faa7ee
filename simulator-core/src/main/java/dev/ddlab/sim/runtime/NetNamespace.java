package dev.ddlab.sim.runtime;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A network namespace as far as the simulator needs one: its inode and the TCP ports its processes
 * listen on. Interfaces and addresses belong to the network controller's endpoints.
 */
public final class NetNamespace {
  private final long inode;
  private Map<Integer, Listener> listeners;

  public NetNamespace(long inode) {
    this.inode = inode;
  }

  public long inode() {
    return inode;
  }

  /**
   * A TCP port in LISTEN state, the process that owns it, the addresses its sockets are bound to as
   * {@code netstat} shows them ("0.0.0.0", "::", "127.0.0.1"; a "::" beside an IPv4 address of the
   * same port is an IPV6_V6ONLY socket, alone a dual-stack one) and its listen() backlog.
   */
  public record Listener(
      int port, HttpHandler handler, SimProc owner, List<String> addresses, int backlog) {}

  void listen(int port, HttpHandler handler, SimProc owner, List<String> addresses, int backlog) {
    if (listeners == null) {
      listeners = new TreeMap<>();
    }
    listeners.put(port, new Listener(port, handler, owner, List.copyOf(addresses), backlog));
  }

  void closeAll(SimProc owner) {
    if (listeners != null) {
      listeners.values().removeIf(l -> l.owner() == owner);
    }
  }

  /** The listener on this TCP port, or null. */
  public Listener listener(int port) {
    return listeners == null ? null : listeners.get(port);
  }

  /** Listening ports, ascending. */
  public Map<Integer, Listener> listeners() {
    return listeners == null ? Map.of() : Map.copyOf(listeners);
  }
}
