package dev.ddlab.sim.host;

import dev.ddlab.fs.MemoryFs;
import java.nio.charset.StandardCharsets;

/**
 * The files of a fresh Ubuntu 22.04 machine that learners and tools look at: a Docker host (a
 * simulated node), or a client with only the docker CLI (the learner's machine in front of a real
 * engine: no {@code /var/lib/docker}, no {@code /etc/docker}).
 */
public final class HostFiles {
  /** The node's user, {@code ubuntu}, and its own group. */
  public static final int USER_ID = 1000;

  private HostFiles() {}

  /**
   * An Ubuntu 22.04 cloud image's users, with the docker package's group: {@code ubuntu} (1000) in
   * the groups cloud-init gives it and in {@code docker}, as the course's {@code usermod -aG
   * docker} leaves it.
   */
  private static final String PASSWD =
      """
      root:x:0:0:root:/root:/bin/bash
      daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
      bin:x:2:2:bin:/bin:/usr/sbin/nologin
      sys:x:3:3:sys:/dev:/usr/sbin/nologin
      sync:x:4:65534:sync:/bin:/bin/sync
      games:x:5:60:games:/usr/games:/usr/sbin/nologin
      man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
      lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
      mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
      news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
      uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
      proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
      www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
      backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
      list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
      irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
      gnats:x:41:41:Gnats Bug-Reporting System (admin):/var/lib/gnats:/usr/sbin/nologin
      nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
      _apt:x:100:65534::/nonexistent:/usr/sbin/nologin
      systemd-network:x:101:102:systemd Network Management,,,:/run/systemd:/usr/sbin/nologin
      systemd-resolve:x:102:103:systemd Resolver,,,:/run/systemd:/usr/sbin/nologin
      messagebus:x:103:104::/nonexistent:/usr/sbin/nologin
      systemd-timesync:x:104:105:systemd Time Synchronization,,,:/run/systemd:/usr/sbin/nologin
      syslog:x:105:111::/home/syslog:/usr/sbin/nologin
      uuidd:x:106:112::/run/uuidd:/usr/sbin/nologin
      tcpdump:x:107:113::/nonexistent:/usr/sbin/nologin
      sshd:x:108:65534::/run/sshd:/usr/sbin/nologin
      ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash
      """;

  private static final String GROUP =
      """
      root:x:0:
      daemon:x:1:
      bin:x:2:
      sys:x:3:
      adm:x:4:syslog,ubuntu
      tty:x:5:
      disk:x:6:
      lp:x:7:
      mail:x:8:
      news:x:9:
      uucp:x:10:
      man:x:12:
      proxy:x:13:
      kmem:x:15:
      dialout:x:20:ubuntu
      fax:x:21:
      voice:x:22:
      cdrom:x:24:ubuntu
      floppy:x:25:ubuntu
      tape:x:26:
      sudo:x:27:ubuntu
      audio:x:29:ubuntu
      dip:x:30:ubuntu
      www-data:x:33:
      backup:x:34:
      operator:x:37:
      list:x:38:
      irc:x:39:
      src:x:40:
      gnats:x:41:
      shadow:x:42:
      utmp:x:43:
      video:x:44:ubuntu
      sasl:x:45:
      plugdev:x:46:ubuntu
      staff:x:50:
      games:x:60:
      users:x:100:
      nogroup:x:65534:
      systemd-journal:x:101:
      systemd-network:x:102:
      systemd-resolve:x:103:
      messagebus:x:104:
      systemd-timesync:x:105:
      input:x:106:
      sgx:x:107:
      kvm:x:108:
      render:x:109:
      lxd:x:110:ubuntu
      syslog:x:111:
      uuidd:x:112:
      tcpdump:x:113:
      ssh:x:114:
      netdev:x:115:ubuntu
      docker:x:999:ubuntu
      ubuntu:x:1000:
      """;

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
    write(fs, "/etc/passwd", PASSWD);
    write(fs, "/etc/group", GROUP);
    fs.chown("/home/ubuntu", USER_ID, USER_ID);
    fs.chmod("/home/ubuntu", 0750);
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
