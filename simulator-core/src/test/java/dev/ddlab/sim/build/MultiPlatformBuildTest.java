package dev.ddlab.sim.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddlab.engine.BuildsApi;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.AuthConfig;
import dev.ddlab.engine.dto.BuildMessage;
import dev.ddlab.engine.dto.BuildOutput;
import dev.ddlab.engine.dto.BuildRequest;
import dev.ddlab.engine.dto.BuildTrace;
import dev.ddlab.engine.dto.DistributionInspect;
import dev.ddlab.engine.dto.ImageInspect;
import dev.ddlab.sim.fs.Digests;
import dev.ddlab.sim.host.Cluster;
import dev.ddlab.sim.image.Reference;
import dev.ddlab.sim.image.Registry;
import dev.ddlab.sim.image.SimImagesApi;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Builds on a BuildKit of its own (buildx's docker-container driver): several platforms in one
 * build, pushed as one manifest list that other nodes pull by platform.
 */
class MultiPlatformBuildTest {
  private static final String THREE = "linux/amd64,linux/arm64,linux/arm/v7";
  private static final AuthConfig STUDENT = new AuthConfig("student", "s3cret-pass", Registry.HUB);

  private final Cluster cluster = Cluster.single(7);
  private final Engine node1 = cluster.node("node1").engine();
  private final BuildsApi container = node1.builds().instance("container0");

  private BuilderTest.Result build(BuildsApi api, BuildRequest req) {
    List<BuildMessage> out = new ArrayList<>();
    byte[] tar = BuilderTest.context(BuilderTest.webApp("console.log('hi')\n"));
    api.build(req, new ByteArrayInputStream(tar), out::add);
    return new BuilderTest.Result(out);
  }

  private static BuildRequest request(String platforms, List<BuildOutput> outputs) {
    return BuildRequest.of("student/web:latest").toBuilder()
        .platform(platforms)
        .outputs(outputs, Map.of(Registry.HUB, STUDENT))
        .build();
  }

  private BuilderTest.Result push(String platforms) {
    node1.system().auth(STUDENT);
    return build(container, request(platforms, List.of(BuildOutput.push("student/web:latest"))));
  }

  private Registry registry() {
    return ((SimImagesApi) cluster.node("node1").images().api()).registry();
  }

  private static List<String> statuses(BuilderTest.Result r) {
    List<String> out = new ArrayList<>();
    for (BuildMessage m : r.messages()) {
      if (m.trace() != null) {
        m.trace().statuses().forEach(s -> out.add(s.id()));
      }
    }
    return out;
  }

  @Test
  void a_push_of_three_platforms_stores_one_manifest_list_addressed_by_its_content() {
    BuilderTest.Result r = push(THREE);
    assertNull(r.error());
    Registry.Tagged t = registry().resolve(Reference.parse("student/web:latest"));
    Registry.ManifestList list = assertInstanceOf(Registry.ManifestList.class, t);
    assertEquals(Digests.sha256(list.json()), list.digest());
    // without attestations (--provenance=false): Docker's manifest list, no attestation entries
    assertEquals(Registry.MANIFEST_LIST_V2, list.mediaType());
    assertTrue(list.attestations().isEmpty());
    List<String> platforms = new ArrayList<>();
    for (Registry.Manifest m : list.manifests()) {
      platforms.add(m.platform().toString());
      assertEquals(Digests.sha256(m.json()), m.digest());
      assertEquals(
          m.platform().architecture(), m.image().config().architecture(), "config of " + m);
    }
    assertEquals(List.of("linux/amd64", "linux/arm64", "linux/arm/v7"), platforms);
    assertTrue(
        statuses(r).contains("pushing manifest for docker.io/student/web:latest@" + list.digest()));
    assertTrue(statuses(r).contains("exporting manifest list " + list.digest()));
    r.vertex("[auth] student/web:pull,push token for registry-1.docker.io");
    // A BuildKit in a container exports nowhere else: the node's image store has no such tag.
    assertThrows(EngineException.class, () -> node1.images().inspect("student/web:latest"));
    assertNull(r.imageId());
  }

  @Test
  void each_platform_builds_from_its_own_base_with_its_name_in_the_steps() {
    BuilderTest.Result r = push(THREE);
    r.vertex("[linux/arm/v7 internal] load metadata for docker.io/library/alpine:latest");
    r.vertex("[auth] library/alpine:pull token for registry-1.docker.io");
    r.vertex("[linux/amd64 1/5] FROM docker.io/library/alpine@sha256:");
    r.vertex("[linux/arm64 2/5] RUN apk add --update nodejs npm");
    r.vertex("[linux/arm/v7 5/5] RUN npm install");
    Registry.ManifestList list =
        (Registry.ManifestList) registry().resolve(Reference.parse("student/web:latest"));
    var amd64 = list.manifests().get(0).image().layers();
    var arm64 = list.manifests().get(1).image().layers();
    assertNotEquals(amd64.get(0).diffId(), arm64.get(0).diffId(), "alpine's base layer");
    assertNotEquals(amd64.get(1).diffId(), arm64.get(1).diffId(), "apk's binaries per machine");
  }

  private Registry.ManifestList pushWithProvenance(String platforms, String attrs) {
    node1.system().auth(STUDENT);
    BuilderTest.Result r =
        build(
            container,
            request(platforms, List.of(BuildOutput.push("student/web:latest"))).toBuilder()
                .attests(Map.of("provenance", attrs))
                .build());
    assertNull(r.error());
    return (Registry.ManifestList) registry().resolve(Reference.parse("student/web:latest"));
  }

  private static JsonNode statement(Registry.Attestation a) throws Exception {
    assertEquals(1, a.statements().size());
    return new ObjectMapper().readTree(a.statements().get(0).json());
  }

  @Test
  void with_provenance_the_push_is_an_oci_index_with_an_attestation_manifest_per_platform()
      throws Exception {
    Registry.ManifestList idx = pushWithProvenance(THREE, "mode=min,inline-only=true");
    assertEquals(Registry.OCI_INDEX, idx.mediaType());
    assertEquals(Digests.sha256(idx.json()), idx.digest());
    assertEquals(3, idx.manifests().size());
    assertEquals(3, idx.attestations().size());
    JsonNode json = new ObjectMapper().readTree(idx.json());
    assertEquals(Registry.OCI_INDEX, json.path("mediaType").asText());
    JsonNode entries = json.path("manifests");
    assertEquals(6, entries.size());
    for (int i = 0; i < 3; i++) {
      Registry.Manifest m = idx.manifests().get(i);
      assertEquals(Registry.OCI_MANIFEST, m.mediaType());
      assertEquals(Digests.sha256(m.json()), m.digest());
      JsonNode mj = new ObjectMapper().readTree(m.json());
      assertEquals(Registry.OCI_CONFIG, mj.path("config").path("mediaType").asText());
      assertEquals(Registry.OCI_LAYER_GZIP, mj.path("layers").get(0).path("mediaType").asText());
      Registry.Attestation a = idx.attestations().get(i);
      assertEquals(m.digest(), a.subject());
      assertEquals(Digests.sha256(a.json()), a.digest());
      JsonNode e = entries.get(3 + i);
      assertEquals(a.digest(), e.path("digest").asText());
      assertEquals(a.json().length, e.path("size").asInt());
      assertEquals("unknown", e.path("platform").path("architecture").asText());
      assertEquals("unknown", e.path("platform").path("os").asText());
      assertEquals(m.digest(), e.path("annotations").path("vnd.docker.reference.digest").asText());
      assertEquals(
          "attestation-manifest", e.path("annotations").path("vnd.docker.reference.type").asText());
      JsonNode aj = new ObjectMapper().readTree(a.json());
      JsonNode layer = aj.path("layers").get(0);
      assertEquals("application/vnd.in-toto+json", layer.path("mediaType").asText());
      assertEquals(
          "https://slsa.dev/provenance/v0.2",
          layer.path("annotations").path("in-toto.io/predicate-type").asText());
      assertEquals(Digests.sha256(a.statements().get(0).json()), layer.path("digest").asText());
      assertEquals(Digests.sha256(a.config()), aj.path("config").path("digest").asText());
      JsonNode st = statement(a);
      assertEquals("https://in-toto.io/Statement/v0.1", st.path("_type").asText());
      String platform = m.platform().toString().replace("/", "%2F");
      assertEquals(
          "pkg:docker/student/web@latest?platform=" + platform,
          st.path("subject").get(0).path("name").asText());
      assertEquals(
          m.digest(), "sha256:" + st.path("subject").get(0).path("digest").path("sha256").asText());
      JsonNode pred = st.path("predicate");
      assertEquals("https://mobyproject.org/buildkit@v1", pred.path("buildType").asText());
      assertEquals(
          "pkg:docker/alpine@latest?platform=" + platform,
          pred.path("materials").get(0).path("uri").asText());
      assertEquals(
          "Dockerfile", pred.path("invocation").path("configSource").path("entryPoint").asText());
      assertFalse(pred.path("metadata").path("completeness").path("materials").asBoolean());
    }
  }

  @Test
  void another_node_pulls_its_platform_from_an_index_and_never_an_attestation() {
    Registry.ManifestList idx = pushWithProvenance(THREE, "mode=min");
    Engine node2 = cluster.addNode().engine();
    node2.images().pull("student/web:latest", null, false, m -> {});
    ImageInspect amd64 = node2.images().inspect("student/web:latest");
    assertEquals("amd64", amd64.architecture());
    assertEquals(idx.manifests().get(0).image().id(), amd64.id());
    assertEquals(List.of("student/web@" + idx.digest()), amd64.repoDigests());
    node2.images().pull("student/web:latest", "linux/arm/v7", false, m -> {});
    assertEquals("arm", node2.images().inspect("student/web:latest").architecture());
    DistributionInspect d = node2.images().distributionInspect("student/web");
    assertEquals(Registry.OCI_INDEX, d.descriptor().mediaType());
    assertEquals(idx.digest(), d.descriptor().digest());
  }

  @Test
  void provenance_mode_max_keeps_the_build_args_and_the_dockerfile_and_min_leaves_them_out()
      throws Exception {
    node1.system().auth(STUDENT);
    BuildRequest req =
        request("linux/amd64", List.of(BuildOutput.push("student/web:latest"))).toBuilder()
            .buildArgs(Map.of("GREETING", "hi"))
            .build();
    build(
        container,
        req.toBuilder().attests(Map.of("provenance", "type=provenance,mode=max")).build());
    Registry.ManifestList max =
        (Registry.ManifestList) registry().resolve(Reference.parse("student/web:latest"));
    JsonNode pred = statement(max.attestations().get(0)).path("predicate");
    assertEquals(
        "hi",
        pred.path("invocation")
            .path("parameters")
            .path("args")
            .path("build-arg:GREETING")
            .asText());
    assertTrue(pred.path("metadata").path("completeness").path("parameters").asBoolean());
    assertTrue(
        new String(
                pred.path("metadata")
                    .path("https://mobyproject.org/buildkit@v1#metadata")
                    .path("source")
                    .path("infos")
                    .get(0)
                    .path("data")
                    .binaryValue(),
                java.nio.charset.StandardCharsets.UTF_8)
            .startsWith("FROM alpine"));
    build(container, req.toBuilder().attests(Map.of("provenance", "mode=min")).build());
    Registry.ManifestList min =
        (Registry.ManifestList) registry().resolve(Reference.parse("student/web:latest"));
    JsonNode minPred = statement(min.attestations().get(0)).path("predicate");
    assertTrue(minPred.path("invocation").path("parameters").path("args").isMissingNode());
    assertFalse(minPred.path("metadata").path("completeness").path("parameters").asBoolean());
    BuilderTest.Result bad =
        build(container, req.toBuilder().attests(Map.of("provenance", "mode=most")).build());
    assertEquals("invalid mode \"most\"", bad.error());
  }

  @Test
  void the_same_copy_makes_the_same_layer_on_every_platform() {
    // BuildKit's COPY keeps the sources' metadata: amd64's and arm64's "COPY . /src" is one blob,
    // although the emulated platform copies later in the build.
    push("linux/amd64,linux/arm64");
    Registry.ManifestList list =
        (Registry.ManifestList) registry().resolve(Reference.parse("student/web:latest"));
    var amd64 = list.manifests().get(0).image().layers();
    var arm64 = list.manifests().get(1).image().layers();
    assertEquals(amd64.get(2).diffId(), arm64.get(2).diffId(), "COPY . /src");
    assertEquals(
        amd64.get(2).digest().blobDigest(), arm64.get(2).digest().blobDigest(), "compressed");
    assertNotEquals(amd64.get(1).diffId(), arm64.get(1).diffId(), "apk's binaries per machine");
  }

  @Test
  void emulated_platforms_run_slower_in_virtual_time_and_all_platforms_run_side_by_side() {
    BuilderTest.Result r = push("linux/amd64,linux/arm64");
    BuildTrace.Vertex native_ = r.vertex("[linux/amd64 2/5] RUN apk");
    BuildTrace.Vertex emulated = r.vertex("[linux/arm64 2/5] RUN apk");
    long nativeTime = native_.completed() - native_.started();
    assertEquals(4 * nativeTime, emulated.completed() - emulated.started());
    BuildTrace.Vertex from64 = r.vertex("[linux/arm64 1/5] FROM");
    assertTrue(from64.started() < native_.completed(), "arm64 starts before amd64 ends");
  }

  @Test
  void a_rebuild_on_the_builder_is_cached_per_platform_but_the_daemon_has_its_own_cache() {
    push(THREE);
    BuilderTest.Result again = push(THREE);
    assertTrue(again.vertex("[linux/arm64 2/5] RUN").cached());
    assertTrue(again.vertex("[linux/arm/v7 5/5] RUN").cached());
    BuilderTest.Result daemon = build(node1.builds(), BuildRequest.of("web:1"));
    assertFalse(daemon.vertex("[2/5] RUN").cached());
  }

  @Test
  void another_node_pulls_the_manifest_of_its_platform_or_the_one_asked_for() {
    push(THREE);
    Engine node2 = cluster.addNode().engine();
    Registry.ManifestList list =
        (Registry.ManifestList) registry().resolve(Reference.parse("student/web:latest"));
    node2.images().pull("student/web:latest", null, false, m -> {});
    ImageInspect amd64 = node2.images().inspect("student/web:latest");
    assertEquals("amd64", amd64.architecture());
    assertEquals(list.manifests().get(0).image().id(), amd64.id());
    assertEquals(List.of("student/web@" + list.digest()), amd64.repoDigests());
    node2.images().pull("student/web:latest", "linux/arm64", false, m -> {});
    ImageInspect arm64 = node2.images().inspect("student/web:latest");
    assertEquals("arm64", arm64.architecture());
    assertEquals(list.manifests().get(1).image().id(), arm64.id());
    DistributionInspect d = node2.images().distributionInspect("student/web");
    assertEquals(list.digest(), d.descriptor().digest());
    assertEquals(Registry.MANIFEST_LIST_V2, d.descriptor().mediaType());
    assertEquals(3, d.platforms().size());
  }

  @Test
  void a_push_without_the_namespace_login_fails_as_buildkit_reports_it() {
    BuilderTest.Result r =
        build(
            container,
            request(THREE, List.of(BuildOutput.push("student/web:latest"))).toBuilder()
                .outputs(List.of(BuildOutput.push("student/web:latest")), Map.of())
                .build());
    assertEquals(
        "failed to push docker.io/student/web:latest: push access denied, repository does not"
            + " exist or may require authorization: server message: insufficient_scope:"
            + " authorization failed",
        r.error());
    assertThrows(
        EngineException.class, () -> registry().resolve(Reference.parse("student/web:latest")));
  }

  @Test
  void without_outputs_the_result_stays_in_the_build_cache() {
    BuilderTest.Result r = build(container, request(THREE, List.of()));
    assertNull(r.error());
    assertNull(r.imageId());
    assertTrue(r.vertices().stream().noneMatch(v -> v.name().startsWith("exporting")));
    assertThrows(EngineException.class, () -> node1.images().inspect("student/web:latest"));
  }

  @Test
  void a_load_of_one_platform_imports_the_image_into_the_daemon() {
    BuilderTest.Result r =
        build(container, request("linux/arm64", List.of(BuildOutput.load("student/web:arm"))));
    assertNull(r.error());
    r.vertex("exporting to docker image format");
    r.vertex("importing to docker");
    r.vertex("[2/5] RUN apk add"); // one platform: no platform in the names
    ImageInspect img = node1.images().inspect("student/web:latest");
    assertEquals("arm64", img.architecture());
    assertEquals(r.imageId(), img.id());
  }

  @Test
  void the_daemons_own_builder_refuses_several_platforms() {
    BuilderTest.Result r = build(node1.builds(), request(THREE, List.of()));
    assertEquals("docker exporter does not currently support exporting manifest lists", r.error());
  }
}
