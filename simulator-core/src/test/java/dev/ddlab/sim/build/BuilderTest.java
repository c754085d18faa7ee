package dev.ddlab.sim.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.Engine;
import dev.ddlab.engine.dto.BuildMessage;
import dev.ddlab.engine.dto.BuildRequest;
import dev.ddlab.engine.dto.BuildTrace;
import dev.ddlab.engine.dto.ImageInspect;
import dev.ddlab.introspect.BuildsView;
import dev.ddlab.sim.fs.Layer;
import dev.ddlab.sim.fs.LayerBuilder;
import dev.ddlab.sim.fs.TarCodec;
import dev.ddlab.sim.host.Cluster;
import dev.ddlab.sim.introspect.SimIntrospection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The builder on a simulated node, driven through the Engine seam as the CLI drives it. */
class BuilderTest {
  static final String WEB_APP =
      """
      FROM alpine
      LABEL maintainer="nigelpoulton@hotmail.com"
      RUN apk add --update nodejs npm
      COPY . /src
      WORKDIR /src
      RUN npm install
      EXPOSE 8080
      ENTRYPOINT ["node", "./app.js"]
      """;

  static final String MULTI_STAGE =
      """
      FROM golang:1.20-alpine AS base
      WORKDIR /src
      COPY go.mod go.sum .
      RUN go mod download
      COPY . .
      FROM base AS build-client
      RUN go build -o /bin/client ./cmd/client
      FROM base AS build-server
      RUN go build -o /bin/server ./cmd/server
      FROM scratch AS prod-client
      COPY --from=build-client /bin/client /bin/
      ENTRYPOINT [ "/bin/client" ]
      FROM scratch AS prod-server
      COPY --from=build-server /bin/server /bin/
      ENTRYPOINT [ "/bin/server" ]
      """;

  private final Cluster cluster = Cluster.single(7);
  private final Engine engine = cluster.node("node1").engine();

  static byte[] context(Map<String, String> files) {
    LayerBuilder b = Layer.builder(1_700_000_000_000_000_000L);
    files.forEach((path, text) -> b.file("/" + path, text));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TarCodec.write(b.build(), out);
    return out.toByteArray();
  }

  static Map<String, String> webApp(String appJs) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Dockerfile", WEB_APP);
    f.put("app.js", appJs);
    f.put("package.json", "{\"name\":\"web\",\"dependencies\":{\"express\":\"^4.18.2\"}}");
    f.put("views/home.html", "<h1>Hello</h1>\n");
    return f;
  }

  record Result(List<BuildMessage> messages) {
    List<BuildTrace.Vertex> vertices() {
      List<BuildTrace.Vertex> out = new ArrayList<>();
      for (BuildMessage m : messages) {
        if (m.trace() != null) {
          out.addAll(m.trace().vertexes());
        }
      }
      return out;
    }

    BuildTrace.Vertex vertex(String prefix) {
      return vertices().stream().filter(v -> v.name().startsWith(prefix)).findFirst().orElseThrow();
    }

    String imageId() {
      return messages.stream()
          .filter(m -> m.aux() != null)
          .map(m -> (String) m.aux().get("ID"))
          .findFirst()
          .orElse(null);
    }

    String error() {
      return messages.stream()
          .filter(m -> m.error() != null)
          .map(BuildMessage::error)
          .findFirst()
          .orElse(null);
    }
  }

  Result build(BuildRequest req, Map<String, String> files) {
    List<BuildMessage> out = new ArrayList<>();
    engine.builds().build(req, new ByteArrayInputStream(context(files)), out::add);
    return new Result(out);
  }

  @Test
  void the_course_web_app_builds_into_five_layers_with_its_config() {
    Result r = build(BuildRequest.of("test:latest"), webApp("console.log('hi')\n"));
    assertNotNull(r.imageId(), String.valueOf(r.error()));
    assertTrue(r.vertex("[1/5] FROM docker.io/library/alpine@sha256:").completed() > 0);
    assertFalse(r.vertex("[2/5] RUN apk add --update nodejs npm").cached());
    r.vertex("[3/5] COPY . /src");
    r.vertex("[4/5] WORKDIR /src");
    r.vertex("[5/5] RUN npm install");
    r.vertex("exporting to image");
    ImageInspect img = engine.images().inspect("test:latest");
    assertEquals(r.imageId(), img.id());
    assertEquals(5, img.rootFs().layers().size());
    assertEquals("/src", img.config().workingDir());
    assertEquals(List.of("node", "./app.js"), img.config().entrypoint());
    assertTrue(img.config().exposedPorts().containsKey("8080/tcp"));
    assertEquals("nigelpoulton@hotmail.com", img.config().labels().get("maintainer"));
    // WORKDIR over a directory COPY made adds the empty layer.
    assertEquals(
        "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef",
        img.rootFs().layers().get(3));
    assertTrue(img.size() > 75_000_000L && img.size() < 110_000_000L, "size " + img.size());
  }

  @Test
  void a_rebuild_is_cached_step_by_step_and_makes_the_same_image() {
    Result first = build(BuildRequest.of("test:latest"), webApp("console.log('hi')\n"));
    Result again = build(BuildRequest.of("test:latest"), webApp("console.log('hi')\n"));
    assertEquals(first.imageId(), again.imageId());
    assertTrue(again.vertex("[2/5] RUN").cached());
    assertTrue(again.vertex("[5/5] RUN").cached());
    Result changed = build(BuildRequest.of("test:latest"), webApp("console.log('changed')\n"));
    assertTrue(changed.vertex("[2/5] RUN").cached());
    assertFalse(changed.vertex("[3/5] COPY").cached());
    assertFalse(changed.vertex("[5/5] RUN").cached());
    assertNotEquals(first.imageId(), changed.imageId());
    // The old image lost its tag: a dangling <none> image.
    assertTrue(engine.images().inspect(first.imageId()).repoTags().isEmpty());
    Result noCache =
        build(
            BuildRequest.of("test:latest").toBuilder().noCache(true).build(),
            webApp("console.log('changed')\n"));
    assertFalse(noCache.vertex("[2/5] RUN").cached());
  }

  @Test
  void plain_shell_commands_run_in_the_image_shell_and_their_files_land_in_the_layer() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Dockerfile", "FROM alpine\nRUN mkdir -p /data && echo hi > /data/f\nCMD cat /data/f\n");
    Result r = build(BuildRequest.of("shell:1"), f);
    assertNotNull(r.imageId(), String.valueOf(r.error()));
    ImageInspect img = engine.images().inspect("shell:1");
    assertEquals(2, img.rootFs().layers().size());
    assertEquals(List.of("/bin/sh", "-c", "cat /data/f"), img.config().cmd());
  }

  @Test
  void healthcheck_and_stopsignal_land_in_the_image_config() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put(
        "Dockerfile",
        "FROM alpine\nHEALTHCHECK --interval=5s --retries=2 CMD wget -q -O- localhost || exit 1\n"
            + "STOPSIGNAL SIGQUIT\n");
    Result r = build(BuildRequest.of("hc:1"), f);
    assertNotNull(r.imageId(), String.valueOf(r.error()));
    ImageInspect img = engine.images().inspect("hc:1");
    assertEquals(
        List.of("CMD-SHELL", "wget -q -O- localhost || exit 1"), img.config().healthcheck().test());
    assertEquals(5_000_000_000L, img.config().healthcheck().interval());
    assertEquals(2, img.config().healthcheck().retries());
    assertEquals("SIGQUIT", img.config().stopSignal());
  }

  @Test
  void a_failing_run_stops_the_build_with_its_exit_code_and_lines() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Dockerfile", "FROM alpine\nRUN exit 3\n");
    Result r = build(BuildRequest.of("bad"), f);
    assertEquals(
        "process \"/bin/sh -c exit 3\" did not complete successfully: exit code: 3", r.error());
    BuildMessage err = r.messages().get(r.messages().size() - 1);
    assertEquals(2, err.errorDetail().get("startLine"));
  }

  @Test
  void a_missing_copy_source_and_an_unknown_target_fail_as_buildkit_says() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Dockerfile", "FROM alpine\nCOPY nosuch.txt /\n");
    Result r = build(BuildRequest.of("bad"), f);
    assertTrue(
        r.error().startsWith("failed to compute cache key: failed to calculate checksum of ref "),
        r.error());
    assertTrue(r.error().endsWith(": \"/nosuch.txt\": not found"), r.error());
    Result t = build(BuildRequest.of("bad").toBuilder().target("nosuch").build(), f);
    assertEquals("target stage nosuch could not be found", t.error());
    Map<String, String> g = new LinkedHashMap<>();
    g.put("Dockerfile", "FROM alpine\nRUNN x\n");
    assertEquals(
        "dockerfile parse error on line 2: unknown instruction: RUNN (did you mean RUN?)",
        build(BuildRequest.of("bad"), g).error());
  }

  static Map<String, String> multiStage() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Dockerfile", MULTI_STAGE);
    f.put("go.mod", "module example.com/app\n\ngo 1.20\n");
    f.put("go.sum", "");
    f.put("cmd/client/main.go", "package main\n");
    f.put("cmd/server/main.go", "package main\n");
    return f;
  }

  @Test
  void a_target_builds_only_the_stages_it_needs_and_independent_stages_run_side_by_side() {
    Result r =
        build(
            BuildRequest.of("multi:client").toBuilder().target("prod-client").build(),
            multiStage());
    assertNotNull(r.imageId(), String.valueOf(r.error()));
    assertTrue(r.vertices().stream().noneMatch(v -> v.name().contains("build-server")));
    ImageInspect client = engine.images().inspect("multi:client");
    assertEquals(1, client.rootFs().layers().size());
    assertTrue(client.size() > 7_000_000L && client.size() < 8_000_000L, "size " + client.size());
    Result prod =
        build(
            BuildRequest.of("multi:stage").toBuilder().target("prod-server").build(), multiStage());
    BuildTrace.Vertex server = prod.vertex("[build-server 1/1] RUN");
    assertFalse(server.cached());
    assertTrue(prod.vertex("[base 4/5] RUN go mod download").cached());
  }

  @Test
  void the_build_view_shows_each_build_with_its_steps_cache_hits_layers_and_times() {
    build(BuildRequest.of("test:latest"), webApp("console.log('hi')\n"));
    build(BuildRequest.of("test:latest"), webApp("console.log('hi')\n"));
    List<BuildsView.Build> builds = new SimIntrospection(cluster).builds().builds("node1");
    assertEquals(2, builds.size());
    BuildsView.Build first = builds.get(0);
    assertEquals(BuildsView.Status.DONE, first.status());
    assertEquals(List.of("test:latest"), first.tags());
    assertEquals(5, first.steps().size());
    BuildsView.Step run = first.steps().get(1);
    assertEquals("RUN apk add --update nodejs npm", run.instruction());
    assertFalse(run.cacheHit());
    assertTrue(run.layerDiffId().startsWith("sha256:"));
    assertTrue(run.finishedNanos() > run.startedNanos());
    assertTrue(builds.get(1).steps().get(1).cacheHit());
    assertEquals(first.imageId(), builds.get(1).imageId());
  }
}
