package dev.ddlab.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.TranscriptEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A container's mounts as its programs see them: /proc/mounts, busybox's mount and df, coreutils'
 * df in a Debian-family image, and /dev/shm as a tmpfs of ShmSize. Checked column by column against
 * the private dockerd's busybox (Engine 20.10, cgroup v1); the simulated node is Docker 24 on
 * Ubuntu 22.04's 5.15 kernel (cgroup2 at /sys/fs/cgroup, tmpfs showing inode64) with a 30 GB disk.
 */
class ContainerMountsTest {
  @RegisterExtension
  final TypedNode node = new TypedNode(11, "docker pull alpine", "docker pull ubuntu");

  @Test
  void proc_mounts_lists_the_oci_default_mounts_then_the_daemons_files_then_the_masked_paths() {
    String out = node.ok("docker run --rm alpine sh -c 'cut -d\" \" -f1-3 /proc/mounts'");
    assertEquals(
        """
        overlay / overlay
        proc /proc proc
        tmpfs /dev tmpfs
        devpts /dev/pts devpts
        sysfs /sys sysfs
        cgroup /sys/fs/cgroup cgroup2
        mqueue /dev/mqueue mqueue
        shm /dev/shm tmpfs
        /dev/sda1 /etc/resolv.conf ext4
        /dev/sda1 /etc/hostname ext4
        /dev/sda1 /etc/hosts ext4
        proc /proc/bus proc
        proc /proc/fs proc
        proc /proc/irq proc
        proc /proc/sys proc
        proc /proc/sysrq-trigger proc
        tmpfs /proc/acpi tmpfs
        tmpfs /proc/kcore tmpfs
        tmpfs /proc/keys tmpfs
        tmpfs /proc/timer_list tmpfs
        tmpfs /proc/scsi tmpfs
        tmpfs /sys/firmware tmpfs
        tmpfs /sys/devices/virtual/powercap tmpfs
        """,
        out);
  }

  @Test
  void volumes_binds_and_tmpfs_come_by_depth_and_read_only_shows_on_the_root_and_etc_files() {
    String out =
        node.ok(
            "docker run --rm --read-only --shm-size 128m -v vol:/data -v /tmp:/src:ro"
                + " --tmpfs /run --tmpfs /cache:size=32m,exec alpine"
                + " sh -c 'mount | grep -v \"^proc\\|^tmpfs on /[ps]\\|^overlay\"'");
    assertEquals(
        """
        tmpfs on /dev type tmpfs (rw,nosuid,size=65536k,mode=755,inode64)
        devpts on /dev/pts type devpts (rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=666)
        sysfs on /sys type sysfs (ro,nosuid,nodev,noexec,relatime)
        cgroup on /sys/fs/cgroup type cgroup2 (ro,nosuid,nodev,noexec,relatime)
        mqueue on /dev/mqueue type mqueue (rw,nosuid,nodev,noexec,relatime)
        shm on /dev/shm type tmpfs (rw,nosuid,nodev,noexec,relatime,size=131072k,inode64)
        /dev/sda1 on /data type ext4 (rw,relatime,discard,errors=remount-ro)
        /dev/sda1 on /src type ext4 (ro,relatime,discard,errors=remount-ro)
        tmpfs on /cache type tmpfs (rw,nosuid,nodev,relatime,size=32768k,inode64)
        tmpfs on /run type tmpfs (rw,nosuid,nodev,noexec,relatime,inode64)
        /dev/sda1 on /etc/resolv.conf type ext4 (ro,relatime,discard,errors=remount-ro)
        /dev/sda1 on /etc/hostname type ext4 (ro,relatime,discard,errors=remount-ro)
        /dev/sda1 on /etc/hosts type ext4 (ro,relatime,discard,errors=remount-ro)
        """,
        out);
    // a terminal: runc binds the pty over /dev/console after the daemon's files
    assertTrue(
        node.ok("docker run --rm -t alpine cat /proc/mounts")
            .replace("\r", "")
            .contains(
                "/etc/hosts ext4 rw,relatime,discard,errors=remount-ro 0 0\n"
                    + "devpts /dev/console devpts rw,nosuid,noexec,relatime,gid=5,mode=620"));
    assertTrue(
        node.ok("docker run --rm --read-only alpine head -1 /proc/mounts")
            .startsWith("overlay / overlay ro,relatime,lowerdir=/var/lib/docker/overlay2/l/"));
  }

  @Test
  void busybox_df_lists_each_mount_with_blocks_in_busybox_columns() {
    assertEquals(
        """
        Filesystem           1K-blocks      Used Available Use% Mounted on
        overlay               30298176   5134640  23648628  18% /
        tmpfs                    65536         0     65536   0% /dev
        shm                      65536         0     65536   0% /dev/shm
        /dev/sda1             30298176   5134640  23648628  18% /etc/resolv.conf
        /dev/sda1             30298176   5134640  23648628  18% /etc/hostname
        /dev/sda1             30298176   5134640  23648628  18% /etc/hosts
        tmpfs                  2006116         0   2006116   0% /proc/acpi
        tmpfs                    65536         0     65536   0% /proc/kcore
        tmpfs                    65536         0     65536   0% /proc/keys
        tmpfs                    65536         0     65536   0% /proc/timer_list
        tmpfs                  2006116         0   2006116   0% /proc/scsi
        tmpfs                  2006116         0   2006116   0% /sys/firmware
        tmpfs                  2006116         0   2006116   0% /sys/devices/virtual/powercap
        """,
        node.ok("docker run --rm alpine df"));
    assertEquals(
        """
        Filesystem                Size      Used Available Use% Mounted on
        overlay                  28.9G      4.9G     22.6G  18% /
        shm                      64.0M         0     64.0M   0% /dev/shm
        """,
        node.ok("docker run --rm alpine df -h / /dev/shm"));
  }

  @Test
  void dev_shm_is_a_tmpfs_of_shm_size_whose_files_count_in_df_and_go_with_the_container() {
    node.ok("docker run -d --name shm1 --shm-size 1m alpine sleep 1000");
    node.ok("docker exec shm1 sh -c 'echo hi > /dev/shm/a'");
    assertEquals(
        """
        Filesystem           1K-blocks      Used Available Use% Mounted on
        shm                       1024         4      1020   0% /dev/shm
        """,
        node.ok("docker exec shm1 df /dev/shm"));
    assertEquals("a\n", node.ok("docker exec shm1 ls /dev/shm"));
    assertEquals("", node.ok("docker diff shm1"));
    node.ok("docker restart shm1");
    assertEquals("", node.ok("docker exec shm1 ls /dev/shm"));
  }

  @Test
  void a_path_df_cannot_place_is_an_error_after_the_header_and_df_of_a_bind_names_the_first() {
    TranscriptEntry e = node.typed("docker run --rm alpine df /etc/hosts /nonexist");
    assertEquals(1, e.exitCode(), e.output());
    // in the order df writes them: busybox's error message flushes its stdout first (the private
    // dockerd's 'docker exec box df /nosuch': the header, then the error)
    assertEquals(
        """
        Filesystem           1K-blocks      Used Available Use% Mounted on
        /dev/sda1             30298176   5134640  23648628  18% /etc/resolv.conf
        df: /nonexist: can't find mount point
        """,
        e.output());
  }

  @Test
  void coreutils_df_keeps_one_line_per_filesystem_and_mount_is_refused_without_cap_sys_admin() {
    assertEquals(
        """
        Filesystem      Size  Used Avail Use% Mounted on
        overlay          29G  4.9G   23G  18% /
        tmpfs            64M     0   64M   0% /dev
        shm              64M     0   64M   0% /dev/shm
        /dev/sda1        29G  4.9G   23G  18% /etc/hosts
        tmpfs           2.0G     0  2.0G   0% /proc/acpi
        tmpfs           2.0G     0  2.0G   0% /proc/scsi
        tmpfs           2.0G     0  2.0G   0% /sys/firmware
        tmpfs           2.0G     0  2.0G   0% /sys/devices/virtual/powercap
        """,
        node.ok("docker run --rm ubuntu df -h"));
    TranscriptEntry e = node.typed("docker run --rm alpine mount -t tmpfs none /mnt");
    assertEquals(1, e.exitCode(), e.output());
    assertEquals("mount: permission denied (are you root?)\n", e.output());
    e = node.typed("docker run --rm alpine umount /dev/shm");
    assertEquals("umount: can't unmount /dev/shm: Operation not permitted\n", e.output());
  }

  @Test
  void a_mount_of_type_tmpfs_keeps_its_size_and_mode_and_comes_after_the_tmpfs_flags() {
    node.ok(
        "docker run -d --name tf --tmpfs /x --tmpfs /run:size=32m,mode=1777"
            + " --mount type=tmpfs,dst=/c,tmpfs-size=1m,tmpfs-mode=0700 alpine sleep 1d");
    assertEquals(
        "{\"/run\":\"size=32m,mode=1777\",\"/x\":\"\"} [{\"Type\":\"tmpfs\",\"Target\":\"/c\","
            + "\"TmpfsOptions\":{\"SizeBytes\":1048576,\"Mode\":448}}]\n",
        node.ok("docker inspect -f '{{json .HostConfig.Tmpfs}} {{json .HostConfig.Mounts}}' tf"));
    assertEquals(
        "tmpfs /run tmpfs rw,nosuid,nodev,noexec,relatime,size=32768k,inode64 0 0\n"
            + "tmpfs /x tmpfs rw,nosuid,nodev,noexec,relatime,inode64 0 0\n"
            + "tmpfs /c tmpfs rw,nosuid,nodev,noexec,relatime,size=1024k,mode=700,inode64 0 0\n",
        node.ok("docker exec tf sh -c 'grep -E \" /(c|run|x) \" /proc/mounts'"));
    assertTrue(node.ok("docker exec tf df /c").endsWith("1024         0      1024   0% /c\n"));
    TranscriptEntry e =
        node.typed("docker run --rm --mount type=tmpfs,dst=/c,tmpfs-size=1z alpine true");
    assertEquals(125, e.exitCode());
    assertEquals(
        "invalid argument \"type=tmpfs,dst=/c,tmpfs-size=1z\" for \"--mount\" flag:"
            + " invalid value for tmpfs-size: 1z\nSee 'docker run --help'.\n",
        e.output());
    e = node.typed("docker run --rm --mount type=volume,dst=/c,tmpfs-mode=700 alpine true");
    assertTrue(
        e.output().contains("cannot mix 'tmpfs-*' options with mount type 'volume'"), e.output());
  }

  @Test
  void lower_dir_lists_the_init_layer_then_every_image_layer_from_the_top() {
    node.ok("docker create --name ld alpine true");
    String image =
        node.ok("docker image inspect -f '{{.GraphDriver.Data.UpperDir}}' alpine").strip();
    String lower = node.ok("docker inspect -f '{{.GraphDriver.Data.LowerDir}}' ld").strip();
    String[] dirs = lower.split(":");
    assertTrue(dirs[0].endsWith("-init/diff"), lower);
    assertEquals(image, dirs[1], lower);
    assertEquals(
        node.ok("docker image inspect -f '{{len .RootFS.Layers}}' alpine").strip(),
        Integer.toString(dirs.length - 1));
  }

  @Test
  void df_i_counts_inodes_half_the_rams_pages_on_a_tmpfs_whatever_its_size() {
    assertEquals(
        "Filesystem              Inodes      Used Available Use% Mounted on\n"
            + "tmpfs                   501529         1    501528   0% /run\n",
        node.ok("docker run --rm --tmpfs /run:size=1m alpine df -i /run"));
    assertEquals(
        "Filesystem      Inodes  IUsed   IFree IUse% Mounted on\n"
            + "overlay        1893636 176312 1717324   10% /\n",
        node.ok("docker run --rm ubuntu df -i /"));
  }

  @Test
  void proc_self_mountinfo_gives_each_mount_its_parent_device_root_and_split_options() {
    String out =
        node.ok(
            "docker run --rm -v v1:/data -v /tmp:/src:ro alpine sh -c"
                + " 'cut -d\" \" -f2- /proc/self/mountinfo | grep -E \" /(proc|sys|data|src|proc/bus|proc/keys|etc/hosts) \"'");
    String[] lines = out.split("\n");
    assertTrue(lines[0].startsWith("612 0:"), out);
    assertTrue(lines[0].endsWith(" / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw"), out);
    assertTrue(lines[1].endsWith(" / /sys ro,nosuid,nodev,noexec,relatime - sysfs sysfs ro"), out);
    assertTrue(
        out.contains(
            " 8:1 /var/lib/docker/volumes/v1/_data /data rw,relatime master:1"
                + " - ext4 /dev/sda1 rw,discard,errors=remount-ro\n"),
        out);
    assertTrue(out.contains(" 8:1 /tmp /src ro,relatime master:1 - ext4 /dev/sda1 rw,"), out);
    assertTrue(out.contains("/hosts /etc/hosts rw,relatime - ext4 /dev/sda1 rw,"), out);
    assertTrue(
        out.contains(" /bus /proc/bus ro,nosuid,nodev,noexec,relatime - proc proc rw\n"), out);
    assertTrue(
        out.contains(" /null /proc/keys rw,nosuid - tmpfs tmpfs rw,size=65536k,mode=755"), out);
  }
}
