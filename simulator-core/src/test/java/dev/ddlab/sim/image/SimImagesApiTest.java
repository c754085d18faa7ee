package dev.ddlab.sim.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.HistoryItem;
import dev.ddlab.engine.dto.ImageDeleteItem;
import dev.ddlab.engine.dto.ImageInspect;
import dev.ddlab.engine.dto.ImageSummary;
import dev.ddlab.engine.dto.ProgressMessage;
import dev.ddlab.events.EngineEvent;
import dev.ddlab.events.EventBus;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.fs.ContainerRootFs;
import dev.ddlab.sim.fs.Digests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimImagesApiTest {
  private static final Registry REGISTRY = new Registry();
  private final VirtualClock clock = new VirtualClock();
  private final EventBus bus = new EventBus();
  private final Map<String, Set<String>> containers = new HashMap<>(); // imageId -> ids
  private final Set<String> running = new java.util.HashSet<>();
  private final SimImagesApi api =
      new SimImagesApi(
          clock,
          new SeededRandom(1),
          bus,
          "linux/amd64",
          "node1",
          REGISTRY,
          (imageId, runningOnly) -> {
            List<String> out = new ArrayList<>();
            for (String c : containers.getOrDefault(imageId, Set.of())) {
              if (!runningOnly || running.contains(c)) {
                out.add(c);
              }
            }
            return out;
          });

  private List<ProgressMessage> pull(String ref) {
    List<ProgressMessage> out = new ArrayList<>();
    api.pull(ref, null, false, out::add);
    return out;
  }

  private static List<String> lines(List<ProgressMessage> msgs) {
    List<String> out = new ArrayList<>();
    for (ProgressMessage m : msgs) {
      out.add((m.id() == null ? "" : m.id() + ": ") + m.status());
    }
    return out;
  }

  @Test
  void pull_streams_dockers_progress_and_stores_the_image_with_its_tag_and_digest() {
    List<String> l = lines(pull("alpine"));
    Registry.Tagged t = REGISTRY.resolve(Reference.parseWithDefaultTag("alpine"));
    Registry.Manifest m = REGISTRY.select(t, Platform.LINUX_AMD64);
    String layer = Digests.shortId(m.image().layers().get(0).digest().blobDigest());
    assertEquals(
        List.of(
            "latest: Pulling from library/alpine",
            layer + ": Pulling fs layer",
            layer + ": Downloading",
            layer + ": Downloading",
            layer + ": Verifying Checksum",
            layer + ": Download complete",
            layer + ": Extracting",
            layer + ": Pull complete",
            "Digest: " + t.digest(),
            "Status: Downloaded newer image for alpine:latest"),
        l);
    ImageSummary s = api.list(false, Map.of()).get(0);
    assertEquals(List.of("alpine:latest"), s.repoTags());
    assertEquals(List.of("alpine@" + t.digest()), s.repoDigests());
    assertEquals(7_377_913, s.size());
    assertEquals(Digests.sha256(m.image().configJson()), s.id());
    assertEquals(
        List.of("Status: Image is up to date for alpine:latest"),
        lines(pull("alpine:latest")).subList(2, 3));
    EngineEvent e = bus.history(EngineEvent.class).get(0);
    assertEquals("pull", e.message().action());
    assertEquals("alpine:latest", e.message().id());
  }

  @Test
  void a_pull_whose_progress_nobody_reads_stores_the_image_and_formats_no_message() {
    List<ProgressMessage> seen = new ArrayList<>();
    ProgressMessage.Unread unread = seen::add;
    api.pull("alpine", null, false, unread);
    assertEquals(List.of(), seen);
    assertEquals(List.of("alpine:latest"), api.list(false, Map.of()).get(0).repoTags());
    assertEquals("pull", bus.history(EngineEvent.class).get(0).message().action());
  }

  @Test
  void pulling_v2_after_v1_reports_shared_layers_as_already_existing() {
    pull("nigelpoulton/tu-demo:v1");
    List<String> l = lines(pull("nigelpoulton/tu-demo:v2"));
    long exists = l.stream().filter(s -> s.endsWith("Already exists")).count();
    long complete = l.stream().filter(s -> s.endsWith("Pull complete")).count();
    assertEquals(2, exists); // alpine base + apk add nodejs npm
    assertEquals(2, complete); // COPY . /src and npm install on top of it
    List<String> all = new ArrayList<>();
    api.pull("nigelpoulton/tu-demo", null, true, m -> all.add(m.status()));
    assertEquals(
        "Status: Downloaded newer image for nigelpoulton/tu-demo", all.get(all.size() - 1));
    ImageInspect latest = api.inspect("nigelpoulton/tu-demo");
    assertEquals(latest.id(), api.inspect("nigelpoulton/tu-demo:v2").id());
    assertNotEquals(latest.id(), api.inspect("nigelpoulton/tu-demo:v1").id());
    assertEquals(List.of("node", "./app.js"), latest.config().entrypoint());
    assertTrue(latest.config().exposedPorts().containsKey("8080/tcp"));
    assertEquals("/src", latest.config().workingDir());
  }

  @Test
  void manifest_lists_pick_the_node_platform_or_the_requested_one() {
    List<ProgressMessage> out = new ArrayList<>();
    api.pull("golang:1.20-alpine", "linux/arm64", false, out::add);
    assertEquals("arm64", api.inspect("golang:1.20-alpine").architecture());
    EngineException e =
        assertThrows(
            EngineException.class,
            () -> api.pull("nigelpoulton/tu-demo:v1", "windows/amd64", false, m -> {}));
    assertEquals(
        "image operating system \"linux\" cannot be used on this platform", e.getMessage());
    EngineException e2 =
        assertThrows(
            EngineException.class, () -> api.pull("alpine", "linux/mips64le", false, m -> {}));
    assertEquals(
        "no matching manifest for linux/mips64le in the manifest list entries", e2.getMessage());
    assertEquals(
        "image operating system \"windows\" cannot be used on this platform",
        assertThrows(
                EngineException.class, () -> api.pull("golang", "windows/amd64", false, m -> {}))
            .getMessage());
    String golang = api.manifestInspect("golang", false);
    assertTrue(golang.contains("\"os.version\": \"10.0.20348.1726\""));
    assertEquals(9, golang.split("\"architecture\"").length - 1);
  }

  @Test
  void pull_errors_carry_dockers_text() {
    assertEquals(
        "pull access denied for nosuch, repository does not exist or may require 'docker"
            + " login': denied: requested access to the resource is denied",
        assertThrows(EngineException.class, () -> pull("nosuch")).getMessage());
    assertEquals(
        "manifest for alpine:nosuch not found: manifest unknown: manifest unknown",
        assertThrows(EngineException.class, () -> pull("alpine:nosuch")).getMessage());
    assertEquals(
        "invalid reference format: repository name (library/Alpine) must be lowercase",
        assertThrows(EngineException.class, () -> pull("Alpine")).getMessage());
    assertTrue(api.list(true, Map.of()).isEmpty());
  }

  @Test
  void rmi_by_id_removes_an_image_with_one_tag_and_its_digest() {
    pull("alpine");
    String id = api.inspect("alpine").id();
    List<ImageDeleteItem> gone = api.remove(Digests.shortId(id), false, false);
    assertEquals("alpine:latest", gone.get(0).untagged());
    assertTrue(gone.get(1).untagged().startsWith("alpine@sha256:"));
    assertEquals(id, gone.get(2).deleted());
    assertTrue(api.list(true, Map.of()).isEmpty());
  }

  @Test
  void rmi_follows_mobys_conflict_rules() {
    pull("alpine");
    String id = api.inspect("alpine").id();
    String shortId = Digests.shortId(id);
    api.tag("alpine", "myrepo/alpine", "v1");
    EngineException multi =
        assertThrows(EngineException.class, () -> api.remove(shortId, false, false));
    assertEquals(
        "conflict: unable to delete "
            + shortId
            + " (must be forced) - image is referenced in multiple repositories",
        multi.getMessage());
    assertEquals(
        List.of(new ImageDeleteItem("myrepo/alpine:v1", null)),
        api.remove("myrepo/alpine:v1", false, false));
    containers.put(id, Set.of("5e8d0c3b2a1f" + "0".repeat(52)));
    EngineException used =
        assertThrows(EngineException.class, () -> api.remove("alpine", false, false));
    assertEquals(
        "conflict: unable to remove repository reference \"alpine\" (must force) - container"
            + " 5e8d0c3b2a1f is using its referenced image "
            + shortId,
        used.getMessage());
    running.add("5e8d0c3b2a1f" + "0".repeat(52));
    assertEquals(
        "conflict: unable to delete "
            + shortId
            + " (cannot be forced) - image is being used by running container 5e8d0c3b2a1f",
        assertThrows(EngineException.class, () -> api.remove(shortId, true, false)).getMessage());
    List<ImageDeleteItem> forced = api.remove("alpine", true, false);
    assertEquals("alpine:latest", forced.get(0).untagged());
    assertTrue(api.find(id).isPresent()); // kept as <none>: a running container uses it
    running.clear();
    containers.clear();
    List<ImageDeleteItem> gone = api.remove(shortId, false, false);
    assertEquals(id, gone.get(gone.size() - 2).deleted());
    assertEquals(
        api.image(id).isPresent()
            ? ""
            : REGISTRY
                .select(
                    REGISTRY.resolve(Reference.parseWithDefaultTag("alpine")), Platform.LINUX_AMD64)
                .image()
                .chainIds()
                .get(0),
        gone.get(gone.size() - 1).deleted());
    assertEquals(
        "No such image: alpine:latest",
        assertThrows(EngineException.class, () -> api.remove("alpine", false, false)).getMessage());
  }

  @Test
  void missing_image_errors_name_short_ids_as_references_and_full_ids_as_digests() {
    // moby's ErrImageDoesNotExist: a short hex string parses as a repository name (":latest"),
    // only a full 64-hex ID is a digest reference.
    assertEquals(
        "No such image: f70734b6a266:latest",
        assertThrows(EngineException.class, () -> api.remove("f70734b6a266", false, false))
            .getMessage());
    String full = "a".repeat(64);
    assertEquals(
        "No such image: sha256:" + full,
        assertThrows(EngineException.class, () -> api.remove(full, false, false)).getMessage());
    assertEquals(
        "No such image: sha256:" + full,
        assertThrows(EngineException.class, () -> api.inspect("sha256:" + full)).getMessage());
  }

  @Test
  void removing_one_of_two_images_keeps_the_shared_layers() {
    pull("nigelpoulton/tu-demo:v1");
    pull("nigelpoulton/tu-demo:v2");
    List<ImageDeleteItem> items = api.remove("nigelpoulton/tu-demo:v1", false, false);
    long layersDeleted = items.stream().filter(i -> i.deleted() != null).count() - 1;
    assertEquals(2, layersDeleted); // its COPY and npm install layers; base layers stay for v2
  }

  @Test
  void list_filters_use_dockers_glob_and_dangling_rules() {
    pull("alpine");
    pull("busybox");
    pull("redis");
    api.tag("alpine", "alpine", "old");
    pull("alpine:3.18");
    api.tag("alpine:3.18", "alpine", "old"); // the first alpine:old moves: 3.19 keeps latest
    List<ImageSummary> latest = api.list(false, Map.of("reference", List.of("*:latest")));
    assertEquals(3, latest.size());
    for (ImageSummary s : latest) {
      assertTrue(
          s.repoTags().stream().allMatch(t -> t.endsWith(":latest")), s.repoTags().toString());
    }
    assertEquals(
        List.of("alpine:3.18", "alpine:old"),
        api.list(false, Map.of("reference", List.of("alpine:3.1[0-9]", "alpine:o*")))
            .get(0)
            .repoTags());
    assertTrue(api.list(false, Map.of("dangling", List.of("true"))).isEmpty());
    List<ImageSummary> before = api.list(false, Map.of("before", List.of("alpine:latest")));
    assertFalse(before.stream().anyMatch(s -> s.repoTags().contains("redis:latest")));
    assertTrue(before.stream().anyMatch(s -> s.repoTags().contains("busybox:latest")));
    assertEquals(
        "invalid filter 'bogus'",
        assertThrows(EngineException.class, () -> api.list(false, Map.of("bogus", List.of("1"))))
            .getMessage());
    assertTrue(Filters.glob("nigelpoulton/*", "nigelpoulton/tu-demo"));
    assertFalse(Filters.glob("*", "nigelpoulton/tu-demo"));
  }

  @Test
  void containers_get_a_union_view_of_the_image_with_the_right_programs() {
    pull("ubuntu");
    pull("alpine");
    ContainerRootFs u = api.newRootFs(api.find("ubuntu").orElseThrow());
    assertEquals("bash", u.stat("/bin/bash").orElseThrow().program());
    assertEquals("ps", u.stat("/usr/bin/ps").orElseThrow().program());
    assertFalse(u.exists("/bin/ping"));
    ContainerRootFs a = api.newRootFs(api.find("alpine:latest").orElseThrow());
    assertEquals("busybox", a.stat("/bin/ping").orElseThrow().program());
    assertTrue(
        new String(a.read("/etc/os-release"), StandardCharsets.UTF_8)
            .contains("VERSION_ID=3.19.0"));
    assertEquals(List.of("/bin/bash"), api.find("ubuntu").orElseThrow().config().cmd());
  }

  @Test
  void history_shows_missing_rows_below_the_image_and_sizes_per_layer() {
    pull("nginx");
    List<HistoryItem> h = api.history("nginx");
    assertEquals(api.inspect("nginx").id(), h.get(0).id());
    assertEquals("<missing>", h.get(1).id());
    assertEquals(List.of("nginx:latest"), h.get(0).tags());
    assertTrue(h.get(0).createdBy().contains("CMD [\"nginx\" \"-g\" \"daemon off;\"]"));
    assertEquals(api.inspect("nginx").size(), h.stream().mapToLong(HistoryItem::size).sum());
    assertEquals(7, api.inspect("nginx").rootFs().layers().size());
  }

  @Test
  void commit_adds_the_upper_layer_and_prune_removes_dangling_images() {
    pull("alpine");
    ContainerRootFs fs = api.newRootFs(api.find("alpine").orElseThrow());
    fs.write("/hello.txt", "hi\n".getBytes(StandardCharsets.UTF_8), false);
    ContainerConfig cfg = api.find("alpine").orElseThrow().config();
    String id =
        api.commit(fs, api.inspect("alpine").id(), "c".repeat(64), cfg, cfg, "mine", "v1", "", "");
    ImageInspect img = api.inspect("mine:v1");
    assertEquals(id, img.id());
    assertEquals(2, img.rootFs().layers().size());
    assertEquals(api.inspect("alpine").id(), img.parent());
    assertEquals(id, api.history("mine:v1").get(0).id());
    assertEquals(api.inspect("alpine").id(), api.history("mine:v1").get(1).id());
    assertEquals(
        "conflict: unable to delete "
            + Digests.shortId(api.inspect("alpine").id())
            + " (cannot be forced) - image has dependent child images",
        assertThrows(
                EngineException.class,
                () -> api.remove(Digests.shortId(api.inspect("alpine").id()), true, false))
            .getMessage());
    api.tag("alpine", "mine", "v1"); // mine:v1 moves away: the commit becomes dangling
    assertEquals(1, api.list(false, Map.of("dangling", List.of("true"))).size());
    var pruned = api.prune(Map.of());
    assertEquals(id, pruned.imagesDeleted().get(0).deleted());
    assertTrue(api.list(false, Map.of("dangling", List.of("true"))).isEmpty());
  }

  @Test
  void entrypoint_in_a_dockerfile_resets_the_cmd_inherited_from_the_base_image() {
    pull("nigelpoulton/ddd-book:web0.1");
    ImageInspect web = api.inspect("nigelpoulton/ddd-book:web0.1");
    assertEquals(List.of("node", "./app.js"), web.config().entrypoint());
    assertEquals(null, web.config().cmd());
  }

  @Test
  void save_then_load_round_trips_ids_tags_and_layers() {
    pull("nigelpoulton/ddd-book:web0.1");
    ImageInspect before = api.inspect("nigelpoulton/ddd-book:web0.1");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    api.save(List.of("nigelpoulton/ddd-book:web0.1"), out);
    byte[] first = out.toByteArray();
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    api.save(List.of("nigelpoulton/ddd-book:web0.1"), again);
    assertArrayEquals(first, again.toByteArray());
    SimImagesApi other =
        new SimImagesApi(
            clock, new SeededRandom(2), bus, "linux/amd64", "node2", new Registry(), null);
    List<String> msgs = new ArrayList<>();
    other.load(new ByteArrayInputStream(first), m -> msgs.add(m.status()));
    assertEquals(List.of("Loaded image: nigelpoulton/ddd-book:web0.1"), msgs);
    ImageInspect after = other.inspect("nigelpoulton/ddd-book:web0.1");
    assertEquals(before.id(), after.id());
    assertEquals(before.rootFs(), after.rootFs());
    assertNull(after.repoDigests().isEmpty() ? null : after.repoDigests());
  }

  @Test
  void manifest_inspect_prints_a_list_as_its_canonical_json_and_a_manifest_with_tabs() {
    // docker/cli 24 rebuilds a list from its entries and prints distribution's canonical JSON
    // (three spaces): for a registry's Docker list, the registry's own bytes
    String m = api.manifestInspect("alpine:3.19", false);
    assertTrue(
        m.startsWith(
            "{\n   \"schemaVersion\": 2,\n   \"mediaType\": \"" + Registry.MANIFEST_LIST_V2 + "\""),
        m);
    Registry.Tagged t = REGISTRY.resolve(Reference.parseWithDefaultTag("alpine:3.19"));
    assertEquals(new String(t.json(), StandardCharsets.UTF_8), m);
    assertEquals(Digests.sha256(t.json()), t.digest());
    // a single manifest: the registry's JSON through json.Indent with a tab
    String single = api.manifestInspect("nigelpoulton/tu-demo:v1", false);
    Registry.Tagged one =
        REGISTRY.resolve(Reference.parseWithDefaultTag("nigelpoulton/tu-demo:v1"));
    assertEquals(new String(one.json(), StandardCharsets.UTF_8).replace("   ", "\t"), single);
    assertTrue(single.contains("\"mediaType\": \"" + Registry.LAYER_GZIP + "\""));
    assertEquals(
        "no such manifest: docker.io/library/alpine:nosuch",
        assertThrows(EngineException.class, () -> api.manifestInspect("alpine:nosuch", false))
            .getMessage());
    String verbose = api.manifestInspect("golang", true);
    assertTrue(
        verbose.startsWith("[\n\t{\n\t\t\"Ref\": \"docker.io/library/golang@sha256:"), verbose);
  }

  @Test
  void search_returns_hub_like_results_sorted_by_relevance_and_limited() {
    List<String> names = new ArrayList<>();
    api.search("nigelpoulton", 25, Map.of()).forEach(r -> names.add(r.name()));
    assertEquals("nigelpoulton/pluralsight-docker-ci", names.get(0));
    assertEquals("nigelpoulton/tu-demo", names.get(1));
    assertEquals(1, api.search("nigelpoulton", 1, Map.of()).size());
    var alpine = api.search("alpine", 25, Map.of("is-official", List.of("true")));
    assertEquals(List.of("alpine"), alpine.stream().map(r -> r.name()).toList());
    assertTrue(alpine.get(0).official());
    assertEquals(
        "limit 101 is outside the range of [1, 100]",
        assertThrows(EngineException.class, () -> api.search("x", 101, Map.of())).getMessage());
  }

  @Test
  void save_writes_the_docker_25_layout_with_blobs_named_by_digest() throws Exception {
    pull("alpine");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    api.save(List.of("alpine"), out);
    List<String> names = new ArrayList<>();
    Map<String, byte[]> files = new HashMap<>();
    try (var tar =
        new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
            new ByteArrayInputStream(out.toByteArray()))) {
      org.apache.commons.compress.archivers.tar.TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        names.add(e.getName());
        files.put(e.getName(), tar.readAllBytes());
        assertEquals(0, e.getModTime().getTime());
      }
    }
    ImageInspect img = api.inspect("alpine");
    String id = Digests.hex(img.id());
    String layer = Digests.hex(img.rootFs().layers().get(0));
    assertTrue(
        names.containsAll(
            List.of(
                "blobs/",
                "blobs/sha256/",
                "blobs/sha256/" + id,
                "blobs/sha256/" + layer,
                "index.json",
                "manifest.json",
                "oci-layout",
                "repositories")),
        names.toString());
    assertEquals(img.id(), Digests.sha256(files.get("blobs/sha256/" + id)));
    assertEquals(img.rootFs().layers().get(0), Digests.sha256(files.get("blobs/sha256/" + layer)));
    String manifest = new String(files.get("manifest.json"), StandardCharsets.UTF_8);
    assertEquals(
        "[{\"Config\":\"blobs/sha256/"
            + id
            + "\",\"RepoTags\":[\"alpine:latest\"],\"Layers\":[\"blobs/sha256/"
            + layer
            + "\"]}]\n",
        manifest);
    String index = new String(files.get("index.json"), StandardCharsets.UTF_8);
    assertTrue(
        index.contains("\"io.containerd.image.name\":\"docker.io/library/alpine:latest\""), index);
    assertTrue(index.contains("\"org.opencontainers.image.ref.name\":\"latest\""), index);
    assertEquals(
        "{\"alpine\":{\"latest\":\"" + id + "\"}}\n",
        new String(files.get("repositories"), StandardCharsets.UTF_8));
  }

  @Test
  void inspect_of_classic_builds_shows_the_step_container_and_buildkit_ones_an_empty_config() {
    pull("alpine");
    ImageInspect a = api.inspect("alpine");
    assertEquals(
        List.of("/bin/sh", "-c", "#(nop) ", "CMD [\"/bin/sh\"]"), a.containerConfig().cmd());
    assertEquals("20.10.23", a.dockerVersion());
    assertEquals(List.of("PATH=" + Catalogue.PATH), a.config().env());
    pull("nigelpoulton/ddd-book:web0.1");
    ImageInspect d = api.inspect("nigelpoulton/ddd-book:web0.1");
    assertEquals("", d.container());
    assertEquals(ContainerConfig.empty(), d.containerConfig());
    assertTrue(
        api.history("nigelpoulton/ddd-book:web0.1")
            .get(0)
            .createdBy()
            .equals("ENTRYPOINT [\"node\" \"./app.js\"]"));
  }

  @Test
  void commit_request_applies_changes_and_emits_a_container_commit_event() {
    pull("alpine");
    ContainerRootFs fs = api.newRootFs(api.find("alpine").orElseThrow());
    fs.write("/etc/motd", "changed\n".getBytes(StandardCharsets.UTF_8), false);
    ContainerConfig cfg = api.find("alpine").orElseThrow().config();
    String cid = "ab".repeat(32);
    api.usage(
        new ImageUsage() {
          @Override
          public List<String> containersUsing(String imageId, boolean runningOnly) {
            return List.of();
          }

          @Override
          public java.util.Optional<CommitSource> container(String nameOrId) {
            return nameOrId.equals("percy")
                ? java.util.Optional.of(
                    new CommitSource(cid, api.inspect("alpine").id(), fs, cfg, "percy"))
                : java.util.Optional.empty();
          }
        });
    String id =
        api.commit(
                new dev.ddlab.engine.dto.CommitRequest(
                    "percy",
                    "percy-img",
                    "",
                    "saved",
                    "me",
                    true,
                    List.of("CMD [\"cat\", \"/etc/motd\"]", "ENV GREETING=xin-chao", "EXPOSE 80")))
            .id();
    ImageInspect img = api.inspect("percy-img:latest");
    assertEquals(id, img.id());
    assertEquals(List.of("cat", "/etc/motd"), img.config().cmd());
    assertTrue(img.config().env().contains("GREETING=xin-chao"));
    assertTrue(img.config().exposedPorts().containsKey("80/tcp"));
    assertEquals("saved", img.comment());
    assertEquals("me", img.author());
    assertEquals(cid, img.container());
    EngineEvent commit =
        bus.history(EngineEvent.class).stream()
            .filter(e -> e.message().action().equals("commit"))
            .findFirst()
            .orElseThrow();
    assertEquals("container", commit.message().type());
    assertEquals("percy-img:latest", commit.message().actor().attributes().get("imageRef"));
    assertEquals("percy", commit.message().actor().attributes().get("name"));
    assertEquals(
        "No such container: nosuch",
        assertThrows(
                EngineException.class,
                () ->
                    api.commit(
                        new dev.ddlab.engine.dto.CommitRequest(
                            "nosuch", null, null, null, null, true, null)))
            .getMessage());
  }

  @Test
  void prune_all_removes_every_image_no_container_uses() {
    pull("alpine");
    pull("busybox");
    containers.put(api.inspect("busybox").id(), Set.of("f".repeat(64)));
    assertNull(api.prune(Map.of()).imagesDeleted());
    var pruned = api.prune(Map.of("dangling", List.of("false")));
    assertTrue(pruned.imagesDeleted().contains(new ImageDeleteItem("alpine:latest", null)));
    assertTrue(pruned.spaceReclaimed() > 7_000_000);
    assertEquals(List.of("busybox:latest"), api.list(false, Map.of()).get(0).repoTags());
    assertEquals(1, api.list(true, Map.of()).size());
  }
}
