package dev.ddlab.sim.shell;

import static dev.ddlab.sim.shell.ContainerScripts.ash;
import static dev.ddlab.sim.shell.ContainerScripts.bash;
import static dev.ddlab.sim.shell.ContainerScripts.dash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.sim.runtime.Signal;
import dev.ddlab.sim.shell.ContainerScripts.Ran;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code trap} on EXIT and INT, its listing and its errors, in bash, busybox ash and dash ({@code
 * -c} strings in containers) and on the host's bash; texts and exit codes as bash 5.2, busybox 1.36
 * ash (the private dockerd's alpine) and dash 0.5.12 print them.
 */
class TrapTest {
  private final TestHost host = new TestHost();

  @Test
  void the_exit_trap_runs_at_exit_with_its_status_and_trap_lists_each_shells_names() {
    String script = "trap 'echo bye $?' EXIT; trap 'echo int' INT; trap; trap - INT; trap; exit 3";
    assertEquals(
        new Ran(
            "trap -- 'echo bye $?' EXIT\ntrap -- 'echo int' SIGINT\ntrap -- 'echo bye $?' EXIT\n"
                + "bye 3\n",
            3),
        bash(script));
    Ran ashOrDash =
        new Ran(
            "trap -- 'echo bye $?' EXIT\ntrap -- 'echo int' INT\ntrap -- 'echo bye $?' EXIT\n"
                + "bye 3\n",
            3);
    assertEquals(ashOrDash, ash(script));
    assertEquals(ashOrDash, dash(script));
  }

  @Test
  void the_exit_trap_runs_at_the_scripts_end_after_set_e_and_not_for_a_subshell() {
    for (Ran r : List.of(bash("trap 'echo t' EXIT; echo x"), ash("trap 'echo t' EXIT; echo x"))) {
      assertEquals(new Ran("x\nt\n", 0), r);
    }
    assertEquals(new Ran("t\n", 1), ash("trap 'echo t' EXIT; set -e; false; echo no"));
    assertEquals(new Ran("t\n", 1), dash("trap 'echo t' EXIT; set -e; false; echo no"));
    assertEquals(new Ran("4\nt\n", 0), bash("trap 'echo t' EXIT; (exit 4); echo $?"));
    assertEquals(new Ran("b\n", 5), ash("trap 'echo a' EXIT; trap 'echo b; exit 5' EXIT; false"));
  }

  @Test
  void bad_signals_and_options_are_worded_as_each_shell_words_them() {
    assertEquals(
        new Ran("bash: line 1: trap: FOO: invalid signal specification\nst=1\n", 0),
        bash("trap 'echo bye' FOO; echo st=$?"));
    assertEquals(
        new Ran("sh: trap: line 0: FOO: invalid signal specification\nst=1\n", 0),
        ash("trap 'echo bye' FOO; echo st=$?"));
    assertEquals(
        new Ran("trap: FOO: bad trap\nst=1\n", 0), dash("trap 'echo bye' FOO; echo st=$?"));
    assertEquals(
        new Ran(
            "bash: line 1: trap: -z: invalid option\ntrap: usage: trap [-lp] [[arg] signal_spec ...]\n"
                + "st=2\n",
            0),
        bash("trap -z; echo st=$?"));
    assertEquals(new Ran("sh: trap: line 0: illegal option -z\n", 2), ash("trap -z; echo st=$?"));
    assertEquals(new Ran("sh: 1: trap: Illegal option -z\n", 2), dash("trap -z; echo st=$?"));
    assertEquals(
        new Ran("trap -- 'echo t' SIGINT\ntrap -- 'echo t' SIGTERM\n", 0),
        bash("trap 'echo t' sigint SIGTERM 2 int; trap"));
  }

  @Test
  void ctrl_c_at_a_script_with_an_int_trap_kills_its_foreground_child_runs_the_trap_and_goes_on() {
    FakeProc.World w = new FakeProc.World(ContainerShellTest.alpine());
    FakeProc sh =
        w.init(List.of("sh", "-c", "trap 'echo caught $?' INT; sleep 100; echo after $?"), true);
    w.clock.advance(Duration.ofSeconds(1));
    sh.kill(1, Signal.SIGINT);
    w.clock.advance(Duration.ofSeconds(1));
    assertEquals("caught 130\nafter 130\n", w.read());
    assertEquals(0, sh.status);
  }

  @Test
  void ctrl_c_at_a_script_without_a_trap_ends_it_and_an_ignored_int_changes_nothing() {
    FakeProc.World w = new FakeProc.World(ContainerShellTest.alpine());
    FakeProc sh = w.init(List.of("sh", "-c", "trap '' INT; sleep 100; echo after"), true);
    sh.kill(1, Signal.SIGINT);
    assertTrue(!sh.exited);
    w.clock.advance(Duration.ofSeconds(101));
    assertEquals("after\n", w.read());
    assertEquals(0, sh.status);
  }

  @Test
  void on_the_host_ctrl_c_runs_the_int_trap_at_the_prompt_only_and_exit_runs_the_exit_trap() {
    host.run("trap 'echo CAUGHT' INT");
    StringBuilder out = new StringBuilder();
    host.shell.interrupt(new Io(null, out::append, out::append));
    assertEquals("CAUGHT\n", out.toString());
    out.setLength(0);
    Integer[] status = {null};
    host.shell.type("sleep 100", new Io(null, out::append, out::append), st -> status[0] = st);
    host.shell.interrupt(new Io(null, out::append, out::append));
    assertEquals("", out.toString()); // the job got the signal, bash did not
    assertEquals(130, status[0]);
    host.run("trap 'echo bye' EXIT");
    assertEquals("bye\n", host.run("exit"));
    assertTrue(host.shell.closed());
  }

  @Test
  void ctrl_c_in_an_interactive_container_shell_runs_the_trap_at_the_prompt_not_for_a_job() {
    FakeProc.World w = new FakeProc.World(ContainerShellTest.alpine());
    FakeProc sh = w.init(List.of("sh"), true);
    sh.type("trap 'echo CAUGHT' INT");
    sh.kill(1, Signal.SIGINT);
    assertEquals("CAUGHT\n/ # ", w.read() + sh.prompt());
    sh.type("sleep 100; echo after $?");
    sh.kill(1, Signal.SIGINT);
    assertEquals("after 130\n", w.read());
  }

  @Test
  void a_trap_that_signals_its_own_shell_runs_once_instead_of_without_end() {
    assertEquals(
        new Ran("t\nafter\n", 0), ash("trap 'echo t; kill -INT $$' INT; kill -INT $$; echo after"));
  }

  @Test
  void bash_keeps_and_lists_its_debug_err_and_return_traps() {
    assertEquals(
        "trap -- 'echo d' DEBUG\ntrap -- 'echo e' ERR\ntrap -- 'echo r' RETURN\n",
        host.run("trap 'echo e' err; trap 'echo r' RETURN; trap 'echo d' DEBUG; trap"));
  }

  @Test
  void listings_quote_a_single_quote_as_each_shell_does() {
    String script = "trap \"echo it's\" EXIT; trap; trap - EXIT";
    assertEquals(new Ran("trap -- 'echo it'\\''s' EXIT\n", 0), bash(script));
    assertEquals(new Ran("trap -- 'echo it'\"'\"'s' EXIT\n", 0), ash(script));
    assertEquals(
        new Ran(
            "Current option settings\nerrexit         on\nnounset         off\n"
                + "xtrace          off\n",
            0),
        dash("set -e; set -o"));
  }
}
