package dev.ddlab.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.sim.fs.Layer;
import dev.ddlab.sim.fs.TarCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryFsTest {
  private long now = 1_000_000_000L;
  private final MemoryFs fs = new MemoryFs(() -> now);

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void mkdir_p_write_append_and_list_behave_like_a_posix_filesystem() {
    fs.mkdir("/home/ubuntu/app", true);
    fs.mkdir("/home/ubuntu/app", true); // no error when it exists
    fs.write("/home/ubuntu/app/a.txt", b("one\n"), false);
    now += 5_000_000_000L;
    fs.write("/home/ubuntu/app/a.txt", b("two\n"), true);
    assertArrayEquals(b("one\ntwo\n"), fs.read("/home/ubuntu/app/a.txt"));
    assertEquals(now, fs.stat("/home/ubuntu/app/a.txt").orElseThrow().mtimeNanos());
    assertEquals(8, fs.stat("/home/ubuntu/app/a.txt").orElseThrow().size());
    assertEquals(List.of("app"), fs.list("/home/ubuntu"));
    assertEquals(
        FsException.Errno.EEXIST,
        assertThrows(FsException.class, () -> fs.mkdir("/home/ubuntu/app/a.txt", true)).errno());
  }

  @Test
  void paths_resolve_through_relative_and_absolute_symlinks_as_the_kernel_does() {
    fs.mkdir("/usr/bin", true);
    fs.write("/usr/bin/tool", b("x"), false);
    fs.symlink("usr/bin", "/bin"); // relative, as Debian's /bin
    fs.symlink("/usr", "/u"); // absolute
    fs.symlink("../bin/tool", "/usr/lib-tool"); // relative with ..
    fs.mkdir("/a", false);
    fs.symlink("/loop2", "/loop1");
    fs.symlink("/loop1", "/loop2");
    assertArrayEquals(b("x"), fs.read("/bin/tool"));
    assertArrayEquals(b("x"), fs.read("/u/bin/tool"));
    assertArrayEquals(b("x"), fs.read("/u/lib-tool"));
    assertTrue(fs.stat("/bin").orElseThrow().isDirectory());
    assertTrue(fs.lstat("/bin").orElseThrow().isSymlink());
    assertTrue(fs.stat("/u/bin/").isPresent());
    // a file where a directory is needed, a missing middle, a loop
    assertEquals(
        FsException.Errno.ENOTDIR,
        assertThrows(FsException.class, () -> fs.read("/bin/tool/x")).errno());
    assertEquals(
        FsException.Errno.ENOENT,
        assertThrows(FsException.class, () -> fs.read("/a/missing/x")).errno());
    assertEquals(
        FsException.Errno.ELOOP, assertThrows(FsException.class, () -> fs.read("/loop1")).errno());
    assertFalse(fs.stat("/a/missing").isPresent());
    // a new file through a symlinked directory lands in its target
    fs.write("/bin/new", b("n"), false);
    assertArrayEquals(b("n"), fs.read("/usr/bin/new"));
  }

  @Test
  void rename_moves_trees_and_refuses_to_move_a_directory_into_itself() {
    fs.mkdir("/src/sub", true);
    fs.write("/src/sub/f", b("x"), false);
    fs.rename("/src", "/dst");
    assertFalse(fs.exists("/src"));
    assertArrayEquals(b("x"), fs.read("/dst/sub/f"));
    assertEquals(
        FsException.Errno.EINVAL,
        assertThrows(FsException.class, () -> fs.rename("/dst", "/dst/sub/inner")).errno());
  }

  @Test
  void chmod_changes_permission_bits_and_rm_minus_r_removes_a_tree() {
    fs.write("/run.sh", b("#!/bin/sh\n"), false);
    assertFalse(fs.stat("/run.sh").orElseThrow().isExecutable());
    fs.chmod("/run.sh", 0755);
    assertTrue(fs.stat("/run.sh").orElseThrow().isExecutable());
    fs.mkdir("/d/e", true);
    fs.write("/d/e/f", b("1"), false);
    fs.remove("/d", true);
    assertFalse(fs.exists("/d/e/f"));
    assertEquals(List.of("run.sh"), fs.list("/"));
  }

  @Test
  void a_snapshot_is_a_layer_that_tars_deterministically() {
    fs.mkdir("/etc", false);
    fs.write("/etc/motd", b("hi"), false);
    Layer l = Layer.of(fs.entries());
    assertEquals(
        TarCodec.digest(l),
        TarCodec.digest(Layer.of(new MemoryFs(() -> 0, l.entries()).entries())));
  }
}
