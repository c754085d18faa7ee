package dev.ddlab.sim.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ImageInspect;
import dev.ddlab.events.EventBus;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.fs.ContainerRootFs;
import dev.ddlab.sim.fs.Digests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class TarExportTest {
  private static SimImagesApi node() {
    return new SimImagesApi(
        new VirtualClock(), new SeededRandom(0), new EventBus(), null, "n", new Registry(), null);
  }

  /** A layer tar as another tool writes it: default 10 KiB records, user names, "./" prefixes. */
  private static byte[] foreignLayer() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      TarArchiveEntry dir = new TarArchiveEntry("./bin/");
      dir.setModTime(1_600_000_000_000L);
      tar.putArchiveEntry(dir);
      tar.closeArchiveEntry();
      byte[] sh = "\u007fELF\u0002\u0001\u0001\u0000busybox".getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry busybox = new TarArchiveEntry("./bin/busybox");
      busybox.setMode(0100755);
      busybox.setSize(sh.length);
      busybox.setModTime(1_600_000_000_000L);
      tar.putArchiveEntry(busybox);
      tar.write(sh);
      tar.closeArchiveEntry();
      TarArchiveEntry link = new TarArchiveEntry("./bin/sh", TarArchiveEntry.LF_LINK);
      link.setLinkName("./bin/busybox");
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
    }
    return out.toByteArray();
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(data.length);
    tar.putArchiveEntry(e);
    tar.write(data);
    tar.closeArchiveEntry();
  }

  /** The pre-25 docker save layout: {@code <id>.json}, {@code <hex>/layer.tar}, manifest.json. */
  private static byte[] classicTarball(byte[] layer, byte[] config) throws IOException {
    String id = Digests.hex(Digests.sha256(config));
    String layerDir = Digests.hex(Digests.sha256("v1 " + id));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      put(tar, id + ".json", config);
      put(tar, layerDir + "/layer.tar", layer);
      put(tar, layerDir + "/VERSION", "1.0".getBytes(StandardCharsets.UTF_8));
      put(
          tar,
          "manifest.json",
          ("[{\"Config\":\""
                  + id
                  + ".json\",\"RepoTags\":[\"mybox:1\"],\"Layers\":[\""
                  + layerDir
                  + "/layer.tar\"]}]")
              .getBytes(StandardCharsets.UTF_8));
      put(
          tar,
          "repositories",
          ("{\"mybox\":{\"1\":\"" + layerDir + "\"}}").getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static byte[] config(String diffId) {
    return ("{\"architecture\":\"amd64\",\"config\":{\"Cmd\":[\"sh\"]},\"created\":\"2020-09-13T12:26:40Z\","
            + "\"history\":[{\"created\":\"2020-09-13T12:26:40Z\",\"comment\":\"Imported from -\"}],"
            + "\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
            + diffId
            + "\"]}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void loads_the_classic_layout_keeps_foreign_layer_bytes_and_saves_them_unchanged()
      throws IOException {
    byte[] layer = foreignLayer();
    byte[] config = config(Digests.sha256(layer));
    SimImagesApi a = node();
    List<String> msgs = new ArrayList<>();
    a.load(new ByteArrayInputStream(classicTarball(layer, config)), m -> msgs.add(m.status()));
    assertEquals(List.of("Loaded image: mybox:1"), msgs);
    ImageInspect img = a.inspect("mybox:1");
    assertEquals(Digests.sha256(config), img.id());
    assertEquals(List.of(Digests.sha256(layer)), img.rootFs().layers());
    ContainerRootFs fs = a.newRootFs(a.find("mybox:1").orElseThrow());
    assertEquals("busybox", fs.stat("/bin/sh").orElseThrow().program());

    ByteArrayOutputStream saved = new ByteArrayOutputStream();
    a.save(List.of("mybox:1"), saved);
    SimImagesApi b = node();
    b.load(new ByteArrayInputStream(saved.toByteArray()), m -> {});
    assertEquals(img.id(), b.inspect("mybox:1").id());
    assertEquals(img.rootFs(), b.inspect("mybox:1").rootFs());
  }

  @Test
  void a_layer_whose_bytes_do_not_match_its_diff_id_is_refused() throws IOException {
    byte[] layer = foreignLayer();
    byte[] config = config(Digests.sha256("something else"));
    EngineException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            EngineException.class,
            () -> node().load(new ByteArrayInputStream(classicTarball(layer, config)), m -> {}));
    assertTrue(e.getMessage().startsWith("invalid diffID for layer 0: expected"), e.getMessage());
  }
}
