package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where a shell out of a terminal says an error happened. bash 5.2 on this machine ({@code bash -c
 * …}, {@code bash s.sh}, {@code bash < s.sh} with stderr to a file): {@code bash: line 2: foo:
 * command not found}, {@code s.sh: line 2: …} for a script, builtins the same ({@code bash: line 3:
 * read: -z: invalid option}); busybox 1.35 under the private dockerd: {@code /s.sh: line 2: foo:
 * not found} in a script file, {@code sh: foo: not found} for {@code -c} and stdin; dash 0.5:
 * {@code sh: 2: foo: not found}. At the host's prompt bash names no line.
 */
class ScriptLineNumbersTest {
  private static SimSession s;

  @BeforeAll
  static void open() {
    s =
        TypedContainers.session(
            3,
            "docker pull -q alpine\ndocker pull -q ubuntu\n"
                + "docker run -d --name ub ubuntu sleep 1d\n"
                + "docker run -d --name al alpine sleep 1d\n"
                + "docker exec ub sh -c 'printf \"echo \\$0\\\\ntrue\\\\nfoo\\\\nread -z\\\\n\""
                + " > /s.sh'\n"
                + "docker exec al sh -c 'printf \"echo \\$0\\\\ntrue\\\\nfoo\\\\ncd /nosuch\\\\n\""
                + " > /s.sh'\n");
  }

  @AfterAll
  static void close() {
    s.close();
  }

  private static void typed(String line, String output, int status) {
    TranscriptEntry e = TypedContainers.run(s, line);
    assertEquals(output, e.output(), line);
    assertEquals(status, e.exitCode(), line);
  }

  private static final String READ_USAGE =
      "read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt]"
          + " [-t timeout] [-u fd] [name ...]\n";

  @Test
  void bash_c_names_the_line_of_the_failing_command() {
    typed("docker exec ub bash -c 'foo'", "bash: line 1: foo: command not found\n", 127);
    typed(
        "docker exec ub bash -c \"$(printf 'true\\nfoo')\"",
        "bash: line 2: foo: command not found\n",
        127);
    typed(
        "docker exec ub bash -c \"$(printf 'true\\n\\nread -z')\"",
        "bash: line 3: read: -z: invalid option\n" + READ_USAGE,
        2);
    typed(
        "docker exec ub bash -c 'cd /nosuch'",
        "bash: line 1: cd: /nosuch: No such file or directory\n",
        1);
  }

  @Test
  void a_bash_script_names_itself_and_the_line() {
    typed(
        "docker exec ub bash /s.sh",
        "/s.sh\n/s.sh: line 3: foo: command not found\n/s.sh: line 4: read: -z: invalid option\n"
            + READ_USAGE,
        2);
    typed(
        "docker exec ub sh -c 'bash < /s.sh'",
        "bash\nbash: line 3: foo: command not found\nbash: line 4: read: -z: invalid option\n"
            + READ_USAGE,
        2);
  }

  @Test
  void busybox_names_the_line_in_a_script_file_only_and_dash_always() {
    typed(
        "docker exec al sh /s.sh",
        "/s.sh\n/s.sh: line 3: foo: not found\n"
            + "/s.sh: cd: line 4: can't cd to /nosuch: No such file or directory\n",
        2);
    typed("docker exec al sh -c \"$(printf 'true\\nfoo')\"", "sh: foo: not found\n", 127);
    typed("docker exec ub sh -c \"$(printf 'true\\nfoo')\"", "sh: 2: foo: not found\n", 127);
  }

  @Test
  void the_hosts_prompt_names_no_line() {
    typed("true; foo", "bash: foo: command not found\n", 127);
  }
}
