package dev.ddlab.sim.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Go binary the simulated {@code go build} linked stays that program when its bytes travel
 * through a tar: a saved and loaded image, {@code docker cp} out of one container and into another
 * under another name (as a real ELF keeps its code whatever it is called).
 */
class GoBinaryThroughTarTest {
  @Test
  void a_go_binary_runs_after_save_and_load_and_after_docker_cp_under_another_name() {
    String script =
        """
        mkdir app && cd app
        echo 'module example.com/hello' > go.mod
        touch go.sum
        printf 'package main\\nimport "fmt"\\nfunc main() { fmt.Println("hello from go") }\\n' > main.go
        printf 'FROM golang:1.20-alpine AS build\\nWORKDIR /src\\nCOPY . .\\nRUN go build -o /bin/app .\\nFROM alpine\\nCOPY --from=build /bin/app /bin/app\\nCMD ["/bin/app"]\\n' > Dockerfile
        docker build -q -t goapp .
        docker run --rm goapp
        docker save -o goapp.tar goapp
        docker rmi -f goapp
        docker load -q -i goapp.tar
        docker run --rm goapp
        docker create --name cc goapp
        docker cp cc:/bin/app ./app-bin
        docker run -d --name box alpine sleep 1d
        docker cp ./app-bin box:/usr/local/bin/hello
        docker exec box hello
        """;
    try (SimSession s = SimSession.open("single", 1)) {
      List<TranscriptEntry> t = new ScriptRunner(s).run(script);
      assertEquals(0, t.get(5).exitCode(), t.get(5).output());
      assertEquals("hello from go\n", t.get(6).output());
      assertEquals("hello from go\n", t.get(10).output(), t.get(9).output());
      assertEquals(0, t.get(13).exitCode(), t.get(13).output());
      assertEquals("hello from go\n", t.get(15).output(), t.get(12).output() + t.get(14).output());
    }
  }
}
