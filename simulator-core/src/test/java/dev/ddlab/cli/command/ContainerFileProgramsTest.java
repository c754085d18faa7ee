package dev.ddlab.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.TranscriptEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The programs learners type about files and the machine inside containers ({@code stat}, {@code
 * md5sum}/{@code sha256sum}, {@code readlink}, {@code realpath}, {@code chmod}, {@code free},
 * {@code uptime}), which said {@code applet not found}: busybox's words as the private dockerd's
 * busybox prints them, coreutils 9.1's on the host.
 */
class ContainerFileProgramsTest {
  @RegisterExtension
  final TypedNode node = new TypedNode(11, "docker pull alpine", "docker pull ubuntu");

  @Test
  void stat_prints_busyboxs_layout_and_its_format_sequences() {
    String out =
        node.ok(
            "docker run --rm alpine sh -c 'echo hi > /tmp/f; stat /tmp/f;"
                + " stat -c \"%n %s %a %A %U %G %F\" /tmp/f / /bin/sh'");
    assertTrue(
        out.startsWith(
            "  File: /tmp/f\n  Size: 3         \tBlocks: 8          IO Block: 4096   regular file\n"
                + "Device: "),
        out);
    assertTrue(
        out.contains(
            "Links: 1\nAccess: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)\n"
                + "Access: 2024-01-01 00:00:00.000000000 +0000\n"),
        out);
    assertTrue(
        out.endsWith(
            "/tmp/f 3 644 -rw-r--r-- root root regular file\n"
                + "/ 4096 755 drwxr-xr-x root root directory\n"
                + "/bin/sh 12 777 lrwxrwxrwx root root symbolic link\n"),
        out);
    TranscriptEntry e = node.typed("docker run --rm alpine stat /nosuch");
    assertEquals(1, e.exitCode());
    assertEquals("stat: can't stat '/nosuch': No such file or directory\n", e.output());
    e = node.typed("stat /nosuch");
    assertEquals("stat: cannot statx '/nosuch': No such file or directory\n", e.output());
  }

  @Test
  void the_sums_match_the_real_programs_and_check_a_list() {
    TranscriptEntry e =
        node.typed(
            "docker run --rm alpine sh -c 'echo hi > /tmp/f; md5sum /tmp/f; echo hi | sha1sum;"
                + " md5sum /tmp/f > /tmp/s; md5sum -c /tmp/s; echo bad > /tmp/f; md5sum -c /tmp/s;"
                + " echo $?; sha256sum /nosuch /tmp; echo $?'");
    assertEquals(
        "764efa883dda1e11db47671c4a3bbd9e  /tmp/f\n"
            + "55ca6286e3e4f4fba5d0448333fa99fc5a404a73  -\n"
            + "/tmp/f: OK\n/tmp/f: FAILED\n"
            + "md5sum: WARNING: 1 of 1 computed checksums did NOT match\n1\n"
            + "sha256sum: can't open '/nosuch': No such file or directory\n"
            + "sha256sum: can't read '/tmp': Is a directory\n1\n",
        e.output());
  }

  @Test
  void readlink_and_realpath_follow_links_as_busybox_does() {
    assertEquals(
        "/bin/busybox\n/bin/busybox\n1\n1\n/bin/busybox\n/etc\n/nosuch\n"
            + "realpath: /nosuch/x: No such file or directory\n1\n",
        node.ok(
            "docker run --rm alpine sh -c 'readlink /bin/sh; readlink -f /bin/sh; readlink /tmp;"
                + " echo $?; readlink -f /nosuch/x; echo $?; realpath /bin/sh /tmp/../etc /nosuch;"
                + " realpath /nosuch/x; echo $?'"));
  }

  @Test
  void chmod_changes_the_mode_ls_shows_and_docker_diff_sees_the_copy_up() {
    assertEquals(
        "-rwxr-----    1 root     root             0 Jan  1 00:00 /a\n"
            + "mode of '/a' changed to 0640 (rw-r-----)\n6640\n1777 -rwxrwxrwt\n"
            + "chmod: invalid mode 'xyz'\nchmod: /nosuch: No such file or directory\n",
        node.ok(
            "docker run --rm alpine sh -c 'touch /a; chmod u+x,g=r,o-r /a; ls -l /a;"
                + " chmod -c 640 /a; chmod -c 640 /a; chmod +s /a; stat -c %a /a; chmod 1777 /a;"
                + " stat -c \"%a %A\" /a; chmod xyz /a; chmod 755 /nosuch; true'"));
    node.ok("docker run --name cm alpine chmod 600 /etc/motd");
    assertEquals("C /etc\nC /etc/motd\n", node.ok("docker diff cm"));
    node.ok("echo 'echo ran' > s.sh");
    node.ok("chmod +x s.sh");
    // the host's user made it 664 (umask 002): +x adds x where the umask lets it
    assertEquals("-rwxrwxr-x", node.ok("ls -l s.sh").substring(0, 10));
  }

  @Test
  void free_and_uptime_read_the_nodes_memory_and_boot() {
    String free = node.ok("docker run --rm alpine free");
    assertTrue(
        free.startsWith(
            "              total        used        free      shared  buff/cache   available\n"
                + "Mem:        4012236 "),
        free);
    assertTrue(free.endsWith("Swap:             0           0           0\n"), free);
    node.ok("sleep 3725");
    assertEquals(
        " 01:02:05 up  1:02,  0 users,  load average: 0.00, 0.00, 0.00\n",
        node.ok("docker run --rm alpine uptime"));
    assertTrue(node.ok("uptime").contains(",  1 user,  load average: "));
  }

  @Test
  void docker_cp_through_a_file_fails_with_the_daemons_lstat_of_the_merged_path() {
    node.ok("docker run -d --name cp1 alpine sleep 1d");
    node.ok("echo x > h.txt");
    String merged = node.ok("docker inspect -f '{{.GraphDriver.Data.MergedDir}}' cp1").strip();
    TranscriptEntry e = node.typed("docker cp h.txt cp1:/etc/hostname/x");
    assertEquals(1, e.exitCode());
    assertEquals(
        "Error response from daemon: lstat " + merged + "/etc/hostname/x: not a directory\n",
        e.output());
    node.ok("docker cp h.txt cp1:/tmp/h.txt");
    e = node.typed("docker cp h.txt cp1:/tmp/h.txt/");
    assertEquals(
        "Error response from daemon: lstat " + merged + "/tmp/h.txt/: not a directory\n",
        e.output());
    e = node.typed("docker cp cp1:/etc/hostname/x out.txt");
    assertEquals(
        "Error response from daemon: lstat " + merged + "/etc/hostname/x: not a directory\n",
        e.output());
  }
}
