package dev.ddlab.session;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.MemoryFs;
import dev.ddlab.sim.host.HostFiles;
import java.util.function.LongSupplier;

/**
 * The learner's own machine in front of a remote Docker engine: an Ubuntu client with the docker
 * CLI, whose files live in memory (the playground's editor writes there; {@code docker build .} and
 * {@code docker cp} read and write there) and which runs no daemon (no {@code /var/lib/docker}).
 */
public final class ClientMachine {
  private ClientMachine() {}

  /**
   * A fresh client's files: {@code /home/ubuntu}, {@code /etc/hostname}, {@code /etc/hosts}, {@code
   * /etc/os-release}, {@code /tmp} …, stamped by {@code nowNanos}.
   */
  public static FileSystem files(String hostname, String address, LongSupplier nowNanos) {
    MemoryFs fs = new MemoryFs(nowNanos);
    HostFiles.populate(fs, hostname, address, false);
    return fs;
  }
}
