package dev.ddlab.sim.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * apt-get, apt and apk typed in running containers: the build's catalogue over the container's
 * layer, with the real commands' texts and exit codes (apt 2.6 on this machine for the failures
 * without a network and before an update).
 */
class PackageManagerProgramTest {
  private static List<TranscriptEntry> run(SimSession s, String script) {
    List<TranscriptEntry> t = new ScriptRunner(s).run(script);
    return t;
  }

  private static TranscriptEntry last(SimSession s, String script) {
    List<TranscriptEntry> t = run(s, script);
    return t.get(t.size() - 1);
  }

  @Test
  void apt_get_install_before_update_cannot_locate_the_package_and_exits_100() {
    try (SimSession s = SimSession.open("single", 3)) {
      run(s, "docker run -d --name ub ubuntu sleep 1d\n");
      TranscriptEntry e = last(s, "docker exec ub apt-get install -y iputils-ping\n");
      assertEquals(
          """
          Reading package lists...
          Building dependency tree...
          Reading state information...
          E: Unable to locate package iputils-ping
          """,
          e.output());
      assertEquals(100, e.exitCode());
    }
  }

  @Test
  void apt_get_update_then_install_gives_iputils_ping_that_pings_with_its_own_format() {
    try (SimSession s = SimSession.open("single", 3)) {
      run(s, "docker network create n\ndocker run -d --name al --network n alpine sleep 1d\n");
      run(s, "docker run -d --name ub --network n ubuntu sleep 1d\n");
      TranscriptEntry update = last(s, "docker exec ub apt-get update\n");
      assertEquals(
          """
          Get:1 http://archive.ubuntu.com/ubuntu jammy InRelease [270 kB]
          Get:2 http://security.ubuntu.com/ubuntu jammy-security InRelease [110 kB]
          Get:3 http://archive.ubuntu.com/ubuntu jammy-updates InRelease [119 kB]
          Get:4 http://archive.ubuntu.com/ubuntu jammy-backports InRelease [109 kB]
          Get:5 http://archive.ubuntu.com/ubuntu jammy/main amd64 Packages [1792 kB]
          Get:6 http://archive.ubuntu.com/ubuntu jammy/universe amd64 Packages [17.5 MB]
          Fetched 19.9 MB in 3s (6633 kB/s)
          Reading package lists...
          """,
          update.output());
      assertEquals(0, update.exitCode());
      TranscriptEntry install = last(s, "docker exec ub apt-get install -y iputils-ping\n");
      assertEquals(0, install.exitCode(), install.output());
      assertTrue(
          install
              .output()
              .contains(
                  """
                  The following NEW packages will be installed:
                    iputils-ping
                  0 upgraded, 1 newly installed, 0 to remove and 0 not upgraded.
                  Need to get 42.9 kB of archives.
                  After this operation, 280 kB of additional disk space will be used.
                  Get:1 http://archive.ubuntu.com/ubuntu jammy/main amd64 iputils-ping amd64 3:20211215-1 [42.9 kB]
                  """),
          install.output());
      assertTrue(
          install.output().endsWith("Setting up iputils-ping (3:20211215-1) ...\n"),
          install.output());
      TranscriptEntry ping = last(s, "docker exec ub ping -c 1 al\n");
      assertEquals(0, ping.exitCode(), ping.output());
      assertTrue(
          ping.output().startsWith("PING al (172.18.0.2) 56(84) bytes of data.\n64 bytes from"),
          ping.output());
      assertTrue(ping.output().contains(" icmp_seq=1 ttl=64 time="), ping.output());
      TranscriptEntry again = last(s, "docker exec ub apt-get install -y iputils-ping\n");
      assertTrue(
          again.output().contains("iputils-ping is already the newest version (3:20211215-1).\n"),
          again.output());
      TranscriptEntry diff = last(s, "docker diff ub\n");
      assertTrue(diff.output().contains("A /usr/bin/ping\n"), diff.output());
    }
  }

  @Test
  void ping_is_not_there_until_installed() {
    try (SimSession s = SimSession.open("single", 3)) {
      run(s, "docker run -d --name ub ubuntu sleep 1d\n");
      TranscriptEntry e = last(s, "docker exec ub ping -c 1 127.0.0.1\n");
      assertEquals(126, e.exitCode(), e.output());
    }
  }

  @Test
  void apt_get_update_without_a_network_cannot_resolve_the_mirrors_and_still_exits_0() {
    try (SimSession s = SimSession.open("single", 3)) {
      run(s, "docker run -d --name ub --network none ubuntu sleep 1d\n");
      TranscriptEntry e = last(s, "docker exec ub apt-get update\n");
      assertEquals(0, e.exitCode());
      String out = e.output();
      assertTrue(out.startsWith("Ign:1 http://archive.ubuntu.com/ubuntu jammy InRelease\n"), out);
      assertTrue(
          out.contains(
              "Err:2 http://security.ubuntu.com/ubuntu jammy-security InRelease\n"
                  + "  Temporary failure resolving 'security.ubuntu.com'\n"),
          out);
      assertTrue(
          out.endsWith(
              "W: Failed to fetch http://archive.ubuntu.com/ubuntu/dists/jammy-backports/InRelease"
                  + "  Temporary failure resolving 'archive.ubuntu.com'\n"
                  + "W: Some index files failed to download. They have been ignored, or old ones"
                  + " used instead.\n"),
          out);
      TranscriptEntry install = last(s, "docker exec ub apt-get install -y iputils-ping\n");
      assertEquals(100, install.exitCode());
      assertTrue(install.output().endsWith("E: Unable to locate package iputils-ping\n"));
    }
  }

  @Test
  void an_unknown_package_is_apts_error_and_nothing_is_installed() {
    try (SimSession s = SimSession.open("single", 3)) {
      run(s, "docker run -d --name ub ubuntu sleep 1d\ndocker exec ub apt-get update\n");
      TranscriptEntry e = last(s, "docker exec ub apt-get install -y iputils-ping nosuchpkg\n");
      assertEquals(100, e.exitCode());
      assertTrue(e.output().endsWith("E: Unable to locate package nosuchpkg\n"), e.output());
      assertEquals(126, last(s, "docker exec ub ping -c 1 127.0.0.1\n").exitCode());
    }
  }

  @Test
  void apt_warns_that_its_interface_is_not_stable_in_scripts() {
    try (SimSession s = SimSession.open("single", 3)) {
      run(s, "docker run -d --name ub ubuntu sleep 1d\n");
      TranscriptEntry e = last(s, "docker exec ub apt update\n");
      assertTrue(
          e.output()
              .startsWith(
                  "\nWARNING: apt does not have a stable CLI interface. Use with caution in"
                      + " scripts.\n\n"),
          e.output());
      assertEquals(0, e.exitCode());
      TranscriptEntry tty = last(s, "docker exec -t ub apt update\n");
      assertEquals(
          """
          Hit:1 http://archive.ubuntu.com/ubuntu jammy InRelease
          Hit:2 http://security.ubuntu.com/ubuntu jammy-security InRelease
          Hit:3 http://archive.ubuntu.com/ubuntu jammy-updates InRelease
          Hit:4 http://archive.ubuntu.com/ubuntu jammy-backports InRelease
          Reading package lists... Done
          """,
          tty.output().replace("\r", ""),
          "a terminal: no warning, and the lists are there already");
    }
  }

  @Test
  void a_user_other_than_root_cannot_lock_the_database() {
    try (SimSession s = SimSession.open("single", 3)) {
      run(s, "docker run -d --name ub ubuntu sleep 1d\n");
      TranscriptEntry e = last(s, "docker exec -u nobody ub apt-get update\n");
      assertEquals(
          """
          E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)
          E: Unable to lock directory /var/lib/apt/lists/
          """,
          e.output());
      assertEquals(100, e.exitCode());
    }
  }

  @Test
  void apk_add_fetches_the_index_and_installs_curl_in_alpine() {
    try (SimSession s = SimSession.open("single", 3)) {
      run(s, "docker run -d --name al alpine sleep 1d\n");
      TranscriptEntry e = last(s, "docker exec al apk add curl\n");
      assertEquals(
          """
          fetch https://dl-cdn.alpinelinux.org/alpine/v3.19/main/x86_64/APKINDEX.tar.gz
          fetch https://dl-cdn.alpinelinux.org/alpine/v3.19/community/x86_64/APKINDEX.tar.gz
          (1/1) Installing curl (8.5.0-r0)
          Executing busybox-1.36.1-r15.trigger
          OK: 16 MiB in 16 packages
          """,
          e.output());
      assertEquals(0, e.exitCode());
      assertTrue(last(s, "docker diff al\n").output().contains("A /usr/bin/curl\n"));
    }
  }

  @Test
  void apk_without_a_network_warns_per_repository_and_cannot_select_the_package() {
    try (SimSession s = SimSession.open("single", 3)) {
      run(s, "docker run -d --name al --network none alpine sleep 1d\n");
      TranscriptEntry e = last(s, "docker exec al apk add curl\n");
      assertEquals(
          """
          fetch https://dl-cdn.alpinelinux.org/alpine/v3.19/main/x86_64/APKINDEX.tar.gz
          WARNING: fetching https://dl-cdn.alpinelinux.org/alpine/v3.19/main: DNS lookup error
          fetch https://dl-cdn.alpinelinux.org/alpine/v3.19/community/x86_64/APKINDEX.tar.gz
          WARNING: fetching https://dl-cdn.alpinelinux.org/alpine/v3.19/community: DNS lookup error
          ERROR: unable to select packages:
            curl (no such package):
              required by: world[curl]
          """,
          e.output());
      assertEquals(1, e.exitCode());
      TranscriptEntry update = last(s, "docker exec al apk update\n");
      assertTrue(
          update.output().endsWith("2 unavailable, 0 stale; 15 distinct packages available\n"),
          update.output());
      assertEquals(2, update.exitCode());
    }
  }

  @Test
  void the_committed_image_keeps_what_apt_get_installed() {
    try (SimSession s = SimSession.open("single", 3)) {
      run(
          s,
          "docker run -d --name ub ubuntu sleep 1d\n"
              + "docker exec ub apt-get update\n"
              + "docker exec ub apt-get install -y iputils-ping\n"
              + "docker commit ub pinger\n");
      TranscriptEntry e = last(s, "docker run --rm pinger ping -c 1 127.0.0.1\n");
      assertEquals(0, e.exitCode(), e.output());
      assertTrue(e.output().contains(" icmp_seq=1 "), e.output());
    }
  }

  @Test
  void curl_from_apt_reaches_a_web_server_on_the_containers_network() {
    try (SimSession s = SimSession.open("single", 3)) {
      run(
          s,
          "docker network create n1\n"
              + "docker run -d --name web --network n1 nginx\n"
              + "docker run -d --name ub --network n1 ubuntu sleep 1d\n");
      assertEquals(126, last(s, "docker exec ub curl -s web\n").exitCode());
      run(s, "docker exec ub apt-get update\ndocker exec ub apt-get install -y curl\n");
      TranscriptEntry e = last(s, "docker exec ub curl -s web\n");
      assertEquals(0, e.exitCode(), e.output());
      assertTrue(e.output().contains("Welcome to nginx!"), e.output());
    }
  }
}
