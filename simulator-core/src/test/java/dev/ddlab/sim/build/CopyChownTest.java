package dev.ddlab.sim.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * COPY --chown as BuildKit's file op gives it: names from the stage's own /etc/passwd and
 * /etc/group, a lone number as both uid and gid, a name the files do not list as root's 0; the
 * directories the copy makes belong to the same owner.
 */
class CopyChownTest {
  @Test
  void copy_chown_owns_the_files_and_the_directories_it_makes_by_the_stage_s_names() {
    try (SimSession s = SimSession.open("single", 1)) {
      List<TranscriptEntry> t =
          new ScriptRunner(s)
              .run(
                  """
                  docker pull -q alpine
                  mkdir ctx && cd ctx && mkdir src && echo hi > src/app.py && echo a > a.txt
                  cat > Dockerfile <<'EOF'
                  FROM alpine
                  RUN echo 'app:x:1000:1001::/home/app:/bin/sh' >> /etc/passwd && echo 'web:x:1001:' >> /etc/group
                  WORKDIR /app
                  COPY --chown=app:web src/ ./src/
                  COPY --chown=2000 a.txt /n/a.txt
                  COPY --chown=app a.txt /b.txt
                  COPY --chown=nobody1:web a.txt /c.txt
                  ADD --chown=0:2000 a.txt /d.txt
                  COPY a.txt /e.txt
                  EOF
                  docker build -q -t chown:1 .
                  docker run --rm chown:1 stat -c '%u %g %n' /app/src /app/src/app.py /n /n/a.txt /b.txt /c.txt /d.txt /e.txt
                  """);
      TranscriptEntry build = t.get(t.size() - 2);
      assertEquals(0, build.exitCode(), build.output());
      assertEquals(
          """
          1000 1001 /app/src
          1000 1001 /app/src/app.py
          2000 2000 /n
          2000 2000 /n/a.txt
          1000 1001 /b.txt
          0 1001 /c.txt
          0 2000 /d.txt
          0 0 /e.txt
          """,
          t.get(t.size() - 1).output());
    }
  }
}
