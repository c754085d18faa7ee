package dev.ddlab.session;

/** The {@code docker.service} unit of a machine that hosts its own Docker daemon. */
public interface DaemonService {
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
