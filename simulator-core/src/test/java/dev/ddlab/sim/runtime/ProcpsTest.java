package dev.ddlab.sim.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** procps-ng 4.0's ps over a small process table, against what ps prints on Debian 12. */
class ProcpsTest {
  private static final long START = 1_704_067_200L * 1_000_000_000L; // 2024-01-01 00:00 UTC
  private static final long NOW = START + 75L * 1_000_000_000L;

  private static final List<Procps.Task> TABLE =
      List.of(
          new Procps.Task(
              1,
              0,
              1,
              0,
              "root",
              "systemd",
              "/sbin/init",
              START,
              'S',
              "?",
              167_000,
              12_000,
              "ep_pol"),
          new Procps.Task(
              1362,
              1359,
              1362,
              0,
              "root",
              "sh",
              "sh -c sleep 1d & sleep 2d",
              START,
              'S',
              "?",
              1684,
              561,
              "sigsus"),
          new Procps.Task(
              1364,
              1362,
              1362,
              101,
              "nginx",
              "sleep",
              "sleep 1d",
              START + 1_000_000_000L,
              'S',
              "pts/0",
              1588,
              529,
              "hrtime"));

  private static Procps.Result ps(String... args) {
    return Procps.ps(List.of(args), TABLE, NOW, 0, "?");
  }

  @Test
  void ef_prints_the_full_format_in_procps_columns() {
    assertEquals(
        """
        UID          PID    PPID  C STIME TTY          TIME CMD
        root           1       0  0 00:00 ?        00:00:00 /sbin/init
        root        1362    1359  0 00:00 ?        00:00:00 sh -c sleep 1d & sleep 2d
        nginx       1364    1362  0 00:00 pts/0    00:00:00 sleep 1d
        """,
        ps("-ef").out());
  }

  @Test
  void quick_pids_select_and_custom_headers_rename() {
    assertEquals(
        """
            PID COMMAND             ELAPSED
           1364 sleep                 01:14
        """,
        ps("-o", "pid,comm", "-o", "etime=ELAPSED", "-q", "1364").out());
    assertEquals("   1362 sh\n", ps("-q", "1362", "-o", "pid=,comm=").out());
  }

  @Test
  void bsd_aux_shows_user_memory_and_stat() {
    assertEquals(
        """
        USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND
        root        1362  0.0  0.0   1684   561 ?        Ss   00:00   0:00 sh -c sleep 1d & sleep 2d
        """,
        ps("aux", "-q", "1362").out());
  }

  @Test
  void quick_pids_refuse_list_selections_forests_and_sorting() {
    assertEquals(
        "q/-q/--quick-pid cannot be combined with other selection options.\n",
        ps("-p", "1", "-q", "1362").err());
    assertEquals(
        "q/-q/--quick-pid cannot be used together with forest type listings.\n",
        ps("-ef", "--forest", "-q", "1362").err());
    assertEquals(
        "q/-q,--quick-pid cannot be used together with sort options.\n",
        ps("--sort=pid", "-q", "1362").err());
    assertEquals(1, ps("-p", "1", "-q", "1362").status());
  }

  @Test
  void bad_options_print_the_error_then_the_usage_and_exit_1() {
    Procps.Result r = ps("-Q");
    assertEquals(1, r.status());
    assertEquals(
        """
        error: unsupported SysV option

        Usage:
         ps [options]

         Try 'ps --help <simple|list|output|threads|misc|all>'
          or 'ps --help <s|l|o|t|m|a>'
         for additional help text.

        For more details see ps(1).
        """,
        r.err());
    assertEquals("error: unsupported option (BSD syntax)", ps("Q").err().lines().findFirst().get());
    assertEquals(
        "error: unknown user-defined format specifier \"nosuch\"",
        ps("-o", "nosuch").err().lines().findFirst().get());
    assertEquals(
        "error: conflicting format options", ps("-l", "-o", "pid").err().lines().findFirst().get());
    assertEquals(
        "error: process ID list syntax error", ps("-p", "x").err().lines().findFirst().get());
    assertEquals(
        "error: format specification must follow -o", ps("-o").err().lines().findFirst().get());
  }

  @Test
  void a_pid_list_selects_and_sort_orders() {
    assertEquals(
        "    PID\n   1364\n   1362\n", ps("-o", "pid", "-p", "1362,1364", "--sort=-pid").out());
    assertEquals("    PID\n   1364\n", ps("-o", "pid", "-u", "nginx").out());
  }
}
