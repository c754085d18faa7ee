package dev.ddlab.sim.host;

import dev.ddlab.fs.MemoryFs;
import java.nio.charset.StandardCharsets;

/**
 * The files of a fresh Ubuntu 22.04 machine that learners and tools look at: a Docker host (a
 * simulated node), or a client with only the docker CLI (the learner's machine in front of a real
 * engine: no {@code /var/lib/docker}, no {@code /etc/docker}).
 */
public final class HostFiles {
  private HostFiles() {}

  public static void populate(MemoryFs fs, String hostname, String address, boolean dockerHost) {
    for (String d :
        new String[] {
          "/bin",
          "/etc",
          "/home/ubuntu",
          "/root",
          "/tmp",
          "/usr/bin",
          "/usr/local/bin",
          "/usr/sbin",
          dockerHost ? "/var/lib/docker" : "/var/lib",
          "/var/run",
          "/var/log",
          dockerHost ? "/etc/docker" : "/etc"
        }) {
      fs.mkdir(d, true);
    }
    fs.chmod("/tmp", 01777);
    write(fs, "/etc/hostname", hostname + "\n");
    write(
        fs,
        "/etc/hosts",
        "127.0.0.1 localhost\n"
            + address
            + " "
            + hostname
            + "\n\n"
            + "# The following lines are desirable for IPv6 capable hosts\n"
            + "::1 ip6-localhost ip6-loopback\n");
    // systemd-resolved's stub, and the upstream file dockerd reads instead of it
    write(
        fs,
        "/etc/resolv.conf",
        "# This is /run/systemd/resolve/stub-resolv.conf managed by man:systemd-resolved(8).\n"
            + "# Do not edit.\n"
            + "\n"
            + "nameserver 127.0.0.53\n"
            + "options edns0 trust-ad\n"
            + "search .\n");
    fs.mkdir("/run/systemd/resolve", true);
    write(
        fs,
        "/run/systemd/resolve/resolv.conf",
        "# This is /run/systemd/resolve/resolv.conf managed by man:systemd-resolved(8).\n"
            + "# Do not edit.\n"
            + "\n"
            + "nameserver "
            + address.substring(0, address.lastIndexOf('.'))
            + ".1\n"
            + "search .\n");
    write(
        fs,
        "/etc/os-release",
        "PRETTY_NAME=\"Ubuntu 22.04.3 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"22.04\"\n"
            + "VERSION=\"22.04.3 LTS (Jammy Jellyfish)\"\nVERSION_CODENAME=jammy\nID=ubuntu\n"
            + "ID_LIKE=debian\nHOME_URL=\"https://www.ubuntu.com/\"\n"
            + "SUPPORT_URL=\"https://help.ubuntu.com/\"\n"
            + "BUG_REPORT_URL=\"https://bugs.launchpad.net/ubuntu/\"\n"
            + "UBUNTU_CODENAME=jammy\n");
  }

  private static void write(MemoryFs fs, String path, String text) {
    fs.write(path, text.getBytes(StandardCharsets.UTF_8), false);
  }
}
