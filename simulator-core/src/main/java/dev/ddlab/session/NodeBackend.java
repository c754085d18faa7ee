package dev.ddlab.session;

import dev.ddlab.engine.Engine;
import dev.ddlab.fs.FileSystem;
import java.util.Optional;

/**
 * One machine of a session as its terminal uses it: the Docker engine its {@code docker} talks to,
 * the files its shell sees, the Docker service it may host, and HTTP to published ports. A
 * simulated node is all four at once (the daemon runs on the node); in front of a real engine the
 * machine is the learner's client: its own in-memory files, no daemon, and the engine's published
 * ports reached through the classroom guard.
 */
public interface NodeBackend {
  /** The node's name, which is also its hostname ("node1", "mgr1"). */
  String name();

  /** The address the node shows (192.168.0.11, or 10.0.0.1 in swarm templates). */
  String address();

  /** The engine the node's {@code docker} commands talk to. */
  Engine engine();

  /**
   * The machine's files: what its shell, the playground's editor and uploads, {@code docker build
   * .} and {@code docker cp} read and write.
   */
  FileSystem hostFs();

  /**
   * The Docker service of this machine ({@code systemctl … docker}); empty when the engine runs
   * elsewhere, and then commands that would manage it are refused with a message.
   */
  Optional<DaemonService> daemon();

  /**
   * One HTTP GET from this machine, as {@code curl} on its shell sends it: {@code localhost}, the
   * node's own name and address reach the ports it publishes.
   *
   * @param target path and query, "/" at least
   * @throws PortUnreachable when the name does not resolve or nothing answers
   */
  HttpAnswer get(String host, int port, String target);

  /**
   * The machine's kernel network stack, which its {@code ip}, {@code iptables}, {@code ss} and
   * {@code tcpdump} read; null when the machine is not simulated.
   */
  default dev.ddlab.sim.network.dataplane.NetStack netStack() {
    return null;
  }

  /**
   * One HTTP GET to a port this node publishes, as a browser on the learner's machine sends it (the
   * playground's port chips).
   *
   * @throws PortUnreachable when nothing listens there
   */
  default HttpAnswer publishedPort(int port, String target) {
    return get(address(), port, target);
  }

  /**
   * The memory group a login on this machine sits under: the session's budget, which every node of
   * a simulated session shares; null when the machine is not simulated.
   */
  default dev.ddlab.sim.runtime.Cgroup memoryBudget() {
    return null;
  }

  /** A fresh process ID on this machine (the login shell, background jobs, tools). */
  int allocatePid();
}
