package dev.ddlab.sim.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.dto.ChangeItem;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.MemoryFs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnionFsTest {
  private static final long T0 = 1_700_000_000_000_000_000L;

  private static Layer base() {
    return Layer.builder(T0)
        .binary("/bin/busybox", 1000, "busybox")
        .symlink("/bin/sh", "/bin/busybox")
        .file("/etc/hostname", "localhost\n")
        .file("/etc/os-release", "NAME=\"Alpine Linux\"\n")
        .dir("/tmp", 01777)
        .dir("/var/cache/apk")
        .file("/var/cache/apk/index", "x")
        .build();
  }

  private static Layer second() {
    return Layer.builder(T0)
        .file("/etc/hostname", "app\n")
        .whiteout("/etc/os-release")
        .opaque("/var/cache/apk")
        .file("/var/cache/apk/new", "y")
        .build();
  }

  private static UnionFs union() {
    return new UnionFs(List.of(base(), second()), 5000, () -> T0 + 1);
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void upper_layers_hide_lower_files_whiteouts_and_opaque_dirs() {
    UnionFs fs = union();
    assertArrayEquals(b("app\n"), fs.read("/etc/hostname"));
    assertFalse(fs.exists("/etc/os-release"));
    assertEquals(List.of("hostname"), fs.list("/etc"));
    assertEquals(List.of("new"), fs.list("/var/cache/apk"));
    assertTrue(fs.stat("/bin/sh").orElseThrow().isFile());
    assertEquals("busybox", fs.stat("/bin/sh").orElseThrow().program());
    assertTrue(fs.lstat("/bin/sh").orElseThrow().isSymlink());
    assertTrue(fs.changes().isEmpty());
  }

  @Test
  void writing_a_lower_file_copies_it_up_and_diff_reports_parent_changed() {
    UnionFs fs = union();
    fs.write("/etc/hostname", b("x"), true);
    fs.write("/tmp/new.txt", b("hello"), false);
    assertArrayEquals(b("app\nx"), fs.read("/etc/hostname"));
    assertEquals(
        List.of(
            new ChangeItem("/etc", 0),
            new ChangeItem("/etc/hostname", 0),
            new ChangeItem("/tmp", 0),
            new ChangeItem("/tmp/new.txt", 1)),
        fs.changes());
    assertEquals(10, fs.sizeRw());
    assertEquals(5010, fs.sizeRootFs());
  }

  @Test
  void deleting_a_lower_path_leaves_a_whiteout_and_recreating_a_dir_makes_it_opaque() {
    UnionFs fs = union();
    fs.remove("/bin", true);
    assertFalse(fs.exists("/bin/busybox"));
    assertEquals(List.of(new ChangeItem("/bin", 2)), fs.changes());
    fs.mkdir("/bin", false);
    assertEquals(List.of(), fs.list("/bin"));
    assertTrue(fs.upperLayer().get("/bin").opaque());
    assertEquals(List.of(new ChangeItem("/bin", 0)), fs.changes());
  }

  @Test
  void removing_a_file_only_in_the_upper_layer_leaves_no_trace() {
    UnionFs fs = union();
    fs.write("/tmp/a", b("1"), false);
    fs.remove("/tmp/a", false);
    assertEquals(List.of(new ChangeItem("/tmp", 0)), fs.changes());
    assertThrows(FsException.class, () -> fs.read("/tmp/a"));
  }

  @Test
  void posix_errors_carry_errno() {
    UnionFs fs = union();
    assertEquals(
        FsException.Errno.ENOENT,
        assertThrows(FsException.class, () -> fs.write("/nope/x", b("1"), false)).errno());
    assertEquals(
        FsException.Errno.ENOTEMPTY,
        assertThrows(FsException.class, () -> fs.remove("/etc", false)).errno());
    assertEquals(
        FsException.Errno.EISDIR, assertThrows(FsException.class, () -> fs.read("/etc")).errno());
    assertEquals(
        FsException.Errno.ENOTDIR,
        assertThrows(FsException.class, () -> fs.list("/etc/hostname")).errno());
    assertEquals(
        FsException.Errno.EEXIST,
        assertThrows(FsException.class, () -> fs.mkdir("/etc", false)).errno());
  }

  @Test
  void rename_moves_a_lower_directory_by_copy_up_and_whiteout() {
    UnionFs fs = union();
    fs.rename("/var/cache/apk", "/var/apk");
    assertEquals(List.of("new"), fs.list("/var/apk"));
    assertFalse(fs.exists("/var/cache/apk"));
    assertTrue(fs.changes().contains(new ChangeItem("/var/cache/apk", 2)));
    assertTrue(fs.changes().contains(new ChangeItem("/var/apk/new", 1)));
  }

  @Test
  void symlinks_resolve_through_intermediate_components_and_loops_fail() {
    MemoryFs fs = new MemoryFs(() -> T0);
    fs.mkdir("/data/real", true);
    fs.symlink("/data/real", "/link");
    fs.write("/link/f", b("z"), false);
    assertArrayEquals(b("z"), fs.read("/data/real/f"));
    fs.symlink("/loop2", "/loop1");
    fs.symlink("/loop1", "/loop2");
    assertEquals(
        FsException.Errno.ELOOP, assertThrows(FsException.class, () -> fs.read("/loop1")).errno());
  }
}
