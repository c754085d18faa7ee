package dev.ddlab.session;

import dev.ddlab.sim.shell.HostDaemon;

/**
 * The {@code docker.service} unit of a machine that hosts its own Docker daemon: what the host
 * shell's {@code systemctl} and {@code service} drive.
 */
public interface DaemonService extends HostDaemon {}
