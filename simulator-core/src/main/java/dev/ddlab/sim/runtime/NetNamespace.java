package dev.ddlab.sim.runtime;

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

  /** A socket in LISTEN state and the process that owns it. */
  public record Listener(int port, HttpHandler handler, SimProc owner) {}

  void listen(int port, HttpHandler handler, SimProc owner) {
    if (listeners == null) {
      listeners = new TreeMap<>();
    }
    listeners.put(port, new Listener(port, handler, owner));
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
