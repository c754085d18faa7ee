package dev.ddlab.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The node's user {@code ubuntu} on its Ubuntu host: what it makes is its own, with the modes its
 * umask 002 leaves (pam_umask's usergroups rule), and {@code id} names its groups from the host's
 * /etc/passwd and /etc/group; what a container's root writes into a bind mount stays root's.
 * Before, every file on the host was {@code root root} with 644/755 and {@code id} printed {@code
 * uid=1000 gid=1000 groups=1000}.
 */
class HostUserFilesTest {
  @RegisterExtension final TypedNode node = new TypedNode(15, "docker pull alpine");

  @Test
  void files_the_user_makes_are_its_own_with_umask_002() {
    node.ok("touch f; mkdir -p d/e; ln -s f l; echo hi > g; cp g h; chmod 600 g");
    assertEquals(
        "drwxrwxr-x 3 ubuntu ubuntu 4096 Jan  1 00:00 d\n"
            + "-rw-rw-r-- 1 ubuntu ubuntu    0 Jan  1 00:00 f\n"
            + "-rw------- 1 ubuntu ubuntu    3 Jan  1 00:00 g\n"
            + "-rw-rw-r-- 1 ubuntu ubuntu    3 Jan  1 00:00 h\n"
            + "lrwxrwxrwx 1 ubuntu ubuntu    1 Jan  1 00:00 l -> f\n",
        node.ok("ls -l | tail -n +2"));
    assertEquals("drwxrwxr-x 2 ubuntu ubuntu 4096 Jan  1 00:00 d/e\n", node.ok("ls -ld d/e"));
  }

  @Test
  void id_names_the_user_and_its_groups() {
    assertEquals(
        "uid=1000(ubuntu) gid=1000(ubuntu) groups=1000(ubuntu),4(adm),20(dialout),24(cdrom),"
            + "25(floppy),27(sudo),29(audio),30(dip),44(video),46(plugdev),110(lxd),115(netdev),"
            + "999(docker)\n",
        node.ok("id"));
    assertEquals(
        "ubuntu\nubuntu adm dialout cdrom floppy sudo audio dip video plugdev lxd netdev docker\n",
        node.ok("id -un; id -Gn"));
  }

  @Test
  void what_a_containers_root_writes_into_a_bind_mount_stays_roots() {
    node.ok("mkdir data; docker run --rm -v /home/ubuntu/data:/d alpine sh -c 'touch /d/x'");
    assertEquals("-rw-r--r-- 1 root root 0 Jan  1 00:00 x\n", node.ok("ls -l data | tail -n +2"));
  }
}
