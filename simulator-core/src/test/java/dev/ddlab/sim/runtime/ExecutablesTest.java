package dev.ddlab.sim.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.fs.Content;
import dev.ddlab.fs.MemoryFs;
import dev.ddlab.sim.fs.Layer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutablesTest {
  private final MemoryFs fs =
      new MemoryFs(
          () -> 0L,
          Layer.builder(0)
              .dir("/bin")
              .binary("/bin/busybox", 1000, "busybox")
              .symlink("/bin/sleep", "/bin/busybox")
              .symlink("/bin/frobnicate", "/bin/busybox")
              .dir("/usr/local/bin")
              .file("/usr/local/bin/entry.sh", 0755, Content.text("#!/bin/sleep 2\n"), null)
              .file("/usr/local/bin/data", 0755, Content.text("no shebang\n"), null)
              .dir("/etc")
              .file("/etc/passwd", "root:x:0:0\n")
              .build()
              .entries());
  private final ProgramRegistry programs =
      new ProgramRegistry().register("sleep", () -> proc -> proc.exit(0));

  private Executables.Resolution resolve(String... argv) {
    return Executables.resolve(fs, List.of(argv), Map.of(), "/", programs);
  }

  @Test
  void bare_names_are_found_in_path_and_busybox_picks_the_applet_from_argv0() {
    Executables.Resolution r = resolve("sleep", "1");
    assertTrue(r.ok());
    assertEquals("/bin/sleep", r.path());
    assertEquals(List.of("sleep", "1"), r.argv());
  }

  @Test
  void busybox_itself_shifts_argv() {
    Executables.Resolution r = resolve("busybox", "sleep", "3");
    assertEquals(List.of("sleep", "3"), r.argv());
  }

  @Test
  void a_script_runs_its_interpreter_with_the_script_path() {
    Executables.Resolution r = resolve("entry.sh", "x");
    assertTrue(r.ok());
    assertEquals(List.of("/bin/sleep", "2", "/usr/local/bin/entry.sh", "x"), r.argv());
  }

  @Test
  void failures_carry_runcs_words() {
    assertEquals(
        "exec: \"nosuch\": executable file not found in $PATH", resolve("nosuch").runcMessage());
    assertEquals(
        "exec: \"/nosuch\": stat /nosuch: no such file or directory",
        resolve("/nosuch").runcMessage());
    assertEquals("exec: \"/etc/passwd\": permission denied", resolve("/etc/passwd").runcMessage());
    assertEquals("exec: \"/etc\": permission denied", resolve("/etc").runcMessage());
    assertFalse(resolve("data").ok());
  }

  @Test
  void an_applet_busybox_lacks_exits_127() {
    assertEquals("frobnicate: applet not found\n", runToStatus(127, "frobnicate"));
  }

  @Test
  void a_copy_of_the_busybox_binary_is_busybox_picking_the_applet_by_the_copys_name() {
    fs.copyFile("/bin/busybox", "/usr/local/bin/bb");
    fs.chmod("/usr/local/bin/bb", 0755);
    assertEquals("busybox", fs.stat("/usr/local/bin/bb").get().program());
    assertEquals("bb: applet not found\n", runToStatus(127, "/usr/local/bin/bb", "x"));
    fs.copyFile("/bin/busybox", "/usr/local/bin/sleep");
    fs.chmod("/usr/local/bin/sleep", 0755);
    assertEquals("", runToStatus(0, "/usr/local/bin/sleep", "1"));
  }

  /** Runs argv to its end; asserts its status and gives its stderr. */
  private String runToStatus(int expected, String... argv) {
    Executables.Resolution r = resolve(argv);
    assertTrue(r.ok());
    int[] status = {-1};
    Kernel k =
        new Kernel(
            new dev.ddlab.sim.clock.VirtualClock(),
            new dev.ddlab.sim.clock.SeededRandom(1),
            programs,
            fs,
            "host");
    StringBuilder err = new StringBuilder();
    k.start(
        k.host(),
        null,
        r,
        Map.of(),
        "/",
        "root",
        false,
        s -> {},
        err::append,
        s -> status[0] = s,
        1);
    assertEquals(expected, status[0]);
    return err.toString();
  }
}
