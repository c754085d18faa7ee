package dev.ddlab.sim.shell;

/** The docker.service unit a host shell drives ({@code systemctl}, {@code service}). */
public interface HostDaemon {
  boolean isActive();

  /** {@code systemctl start docker}: restart policies bring containers back. */
  void start();

  /** {@code systemctl stop docker}: containers get the stop signal, then SIGKILL. */
  void stop();

  void restart();

  /** Virtual time (nanos) the daemon last started, for {@code systemctl status}; -1 if unknown. */
  default long activeSinceNanos() {
    return -1;
  }

  /** Host PID of dockerd, for {@code systemctl status}; 0 if unknown. */
  default int mainPid() {
    return 0;
  }
}
