package dev.ddlab.sim.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Users made in Dockerfiles and containers with the images' own programs: busybox's adduser and
 * addgroup in alpine and busybox (loginutils of 1.36.1 as Alpine configures it), shadow-utils'
 * useradd, groupadd and usermod in Debian and Ubuntu (4.13's texts and statuses, typed with
 * --prefix on this machine). Each writes /etc/passwd, /etc/group, /etc/shadow and the home as the
 * real program does; errors in its words.
 */
class UserAccountsTest {
  private static List<TranscriptEntry> run(String script) {
    try (SimSession s = SimSession.open("single", 1)) {
      return new ScriptRunner(s).run(script);
    }
  }

  private static String out(List<TranscriptEntry> t, int fromEnd) {
    return t.get(t.size() - fromEnd).output();
  }

  @Test
  void adduser_in_a_dockerfile_makes_the_user_that_user_then_runs_as() {
    List<TranscriptEntry> t =
        run(
            """
            docker pull -q alpine
            mkdir ctx && cd ctx
            cat > Dockerfile <<'EOF'
            FROM alpine
            RUN adduser -D app
            RUN addgroup -S g && adduser -S -G g u
            USER app
            CMD id
            EOF
            docker build -q -t users:1 .
            docker run --rm users:1
            docker run --rm users:1 sh -c 'whoami; ls -l /home; tail -n 2 /etc/passwd /etc/group /etc/shadow; ls /etc/passwd-'
            """);
    TranscriptEntry build = t.get(t.size() - 3);
    assertEquals(0, build.exitCode(), build.output());
    assertEquals("uid=1000(app) gid=1000(app) groups=1000(app)\n", out(t, 2));
    assertEquals(
        """
        app
        total 8
        drwxr-sr-x    2 app      app           4096 Jan  1 00:00 app
        drwxr-sr-x    2 u        g             4096 Jan  1 00:00 u
        ==> /etc/passwd <==
        app:x:1000:1000:Linux User,,,:/home/app:/bin/ash
        u:x:100:100:Linux User,,,:/home/u:/bin/false

        ==> /etc/group <==
        app:x:1000:
        g:x:100:u

        ==> /etc/shadow <==
        app:!:19723:0:99999:7:::
        u:!:19723:0:99999:7:::
        /etc/passwd-
        """,
        out(t, 1));
  }

  @Test
  void busybox_adduser_and_addgroup_refuse_in_busybox_s_words() {
    List<TranscriptEntry> t =
        run(
            """
            docker pull -q alpine
            docker pull -q ubuntu
            docker run --rm alpine sh -c 'adduser -D app; adduser -D app; echo $?; adduser -D "my app"; echo $?; adduser -D -G nosuch x; echo $?; adduser -D -u 1000 y; echo $?; addgroup app; echo $?; addgroup nosuch app; echo $?; adduser newu; echo $?; tail -n 1 /etc/passwd /etc/shadow; adduser -x y 2>&1 | head -n 4'
            docker run --rm -u 1000 alpine sh -c 'whoami; echo $?' 2>&1
            docker run --rm -u 1000 ubuntu sh -c 'whoami; echo $?' 2>&1
            docker run --rm -u nobody alpine adduser -D x
            """);
    assertEquals(
        """
        adduser: user 'app' in use
        1
        adduser: illegal character with code 32 at position 2
        1
        adduser: unknown group nosuch
        1
        adduser: uid '1000' in use
        1
        addgroup: group 'app' in use
        1
        addgroup: unknown user nosuch
        1
        Changing password for newu
        New password:\s
        passwd: password for newu is unchanged
        1
        ==> /etc/passwd <==
        newu:x:1001:1001:Linux User,,,:/home/newu:/bin/ash

        ==> /etc/shadow <==
        newu:!:19723:0:99999:7:::
        adduser: unrecognized option: x
        BusyBox v1.36.1 (2023-11-07 18:53:09 UTC) multi-call binary.

        Usage: adduser [OPTIONS] USER [GROUP]
        """,
        out(t, 4));
    assertEquals("adduser: permission denied (are you root?)\n", out(t, 1));
    assertEquals("whoami: unknown uid 1000\n1\n", out(t, 3));
    assertEquals("whoami: cannot find name for user ID 1000\n1\n", out(t, 2));
    assertEquals(1, t.get(t.size() - 1).exitCode());
  }

  @Test
  void useradd_groupadd_and_usermod_in_ubuntu_write_the_files_and_the_home() {
    List<TranscriptEntry> t =
        run(
            """
            docker pull -q ubuntu
            docker run --rm ubuntu sh -c 'groupadd web && useradd -m -s /bin/bash app && usermod -aG web app && id app && ls -la /home/app && ls -ld /home/app && tail -n 2 /etc/passwd /etc/group /etc/shadow'
            docker run --rm ubuntu sh -c '{ useradd app; useradd app; echo $?; useradd "a:b"; echo $?; useradd -g nosuch b; echo $?; useradd -u 1000 c; echo $?; groupadd app; echo $?; usermod -aG nosuch app; echo $?; useradd 2> /u; echo $?; head -n 4 /u; useradd -x u 2>&1 | head -n 2; } 2>&1'
            docker run --rm -u 1000 ubuntu sh -c '{ useradd x; echo $?; groupadd y; echo $?; } 2>&1'
            """);
    assertEquals(
        """
        uid=1000(app) gid=1001(app) groups=1001(app),1000(web)
        total 20
        drwxr-x--- 2 app  app  4096 Jan  1 00:00 .
        drwxr-xr-x 3 root root 4096 Dec 12 00:00 ..
        -rw-r--r-- 1 app  app    62 Jan  1 00:00 .bash_logout
        -rw-r--r-- 1 app  app    55 Jan  1 00:00 .bashrc
        -rw-r--r-- 1 app  app    68 Jan  1 00:00 .profile
        drwxr-x--- 2 app app 4096 Jan  1 00:00 /home/app
        ==> /etc/passwd <==
        nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
        app:x:1000:1001::/home/app:/bin/bash

        ==> /etc/group <==
        web:x:1000:app
        app:x:1001:

        ==> /etc/shadow <==
        nobody:*:19691:0:99999:7:::
        app:!:19723:0:99999:7:::
        """,
        out(t, 3));
    assertEquals(
        """
        useradd: user 'app' already exists
        9
        useradd: invalid user name 'a:b': use --badname to ignore
        3
        useradd: group 'nosuch' does not exist
        6
        useradd: UID 1000 is not unique
        4
        groupadd: group 'app' already exists
        9
        usermod: group 'nosuch' does not exist
        6
        2
        Usage: useradd [options] LOGIN
               useradd -D
               useradd -D [options]

        useradd: invalid option -- 'x'
        Usage: useradd [options] LOGIN
        """,
        out(t, 2));
    assertEquals(
        """
        useradd: Permission denied.
        useradd: cannot lock /etc/passwd; try again later.
        1
        groupadd: Permission denied.
        groupadd: cannot lock /etc/group; try again later.
        10
        """,
        out(t, 1));
  }
}
