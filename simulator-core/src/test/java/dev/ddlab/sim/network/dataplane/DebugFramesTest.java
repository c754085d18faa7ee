package dev.ddlab.sim.network.dataplane;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import dev.ddlab.sim.network.dataplane.frame.TcpdumpFormat;
import org.junit.jupiter.api.Test;

class DebugFramesTest {
  @Test
  void debug() throws Exception {
    try (SimSession s = SimSession.open("single", 3)) {
      NetStack stack = s.host("node1").network().stack();
      TcpdumpFormat fmt = new TcpdumpFormat();
      StringBuilder sb = new StringBuilder();
      stack.tap(
          (n, d, f, out) ->
              sb.append(d.netns().key().isEmpty() ? "host" : "ns")
                  .append(' ')
                  .append(d.name())
                  .append(out ? " > " : " < ")
                  .append(fmt.line(n, f))
                  .append('\n'));
      for (TranscriptEntry t :
          new ScriptRunner(s)
              .run(
                  """
                  docker network create net1
                  docker run -d --name web --network net1 nginx
                  docker run -d --name quiet -p 8090:80 alpine sleep 1d
                  docker run -d --name onbridge -p 8080:80 nginx
                  curl 172.18.0.2:80 | grep title
                  curl localhost:8090
                  curl localhost:8080 | grep title
                  docker run --rm --network net1 alpine wget -qO- 172.18.0.1:8080
                  """)) {
        System.out.println(t.command() + "\n" + t.output());
      }
      System.out.println(sb.substring(Math.max(0, sb.length() - 12000)));
    }
  }
}
