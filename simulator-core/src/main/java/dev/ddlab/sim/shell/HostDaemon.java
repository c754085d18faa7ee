package dev.ddlab.sim.shell;

/** The docker.service unit a host shell drives ({@code systemctl}, {@code service}). */
public interface HostDaemon {
  boolean isActive();

  void start();

  void stop();

  void restart();

  /** Virtual time (nanos) the daemon last started, for systemctl status; -1 when unknown. */
  default long activeSinceNanos() {
    return -1;
  }

  /** Host PID of dockerd, for systemctl status. */
  default int mainPid() {
    return 0;
  }
}
