package dev.ddlab.sim.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class TarCodecTest {
  private static final long T0 = 1_700_000_000_000_000_000L;

  private static Layer layer() {
    return Layer.builder(T0)
        .binary("/bin/busybox", 20_000, "busybox")
        .symlink("/bin/sh", "/bin/busybox")
        .file("/etc/motd", "hi\n")
        .whiteout("/etc/old")
        .opaque("/var/lib")
        .build();
  }

  private static byte[] tar(Layer l) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TarCodec.write(l, out);
    return out.toByteArray();
  }

  @Test
  void tar_has_sorted_entries_whiteout_files_and_opaque_markers_with_fixed_metadata()
      throws IOException {
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in =
        new TarArchiveInputStream(new ByteArrayInputStream(tar(layer())))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        names.add(e.getName());
        assertEquals(T0 / 1_000_000L, e.getModTime().getTime());
        assertEquals(0, e.getLongUserId());
        assertEquals("", e.getUserName());
      }
    }
    assertEquals(
        List.of(
            "bin/",
            "bin/busybox",
            "bin/sh",
            "etc/",
            "etc/.wh.old",
            "etc/motd",
            "var/",
            "var/lib/",
            "var/lib/.wh..wh..opq"),
        names);
  }

  @Test
  void a_layer_round_trips_through_its_tar_with_the_same_diff_id() throws IOException {
    Layer original = layer();
    Layer back = TarCodec.read(new ByteArrayInputStream(tar(original)));
    assertTrue(back.get("/etc/old").whiteout());
    assertTrue(back.get("/var/lib").opaque());
    assertEquals(TarCodec.digest(original).diffId(), TarCodec.digest(back).diffId());
  }

  @Test
  void digests_are_sha256_of_the_tar_and_of_a_deterministic_gzip_blob() throws IOException {
    Layer l = layer();
    TarCodec.LayerDigest d = TarCodec.digest(l);
    byte[] raw = tar(l);
    assertEquals(Digests.sha256(raw), d.diffId());
    assertEquals(raw.length, d.tarSize());
    assertNotEquals(d.diffId(), d.blobDigest());
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    try (var gz = Gzip.compress(blob)) {
      gz.write(raw);
    }
    byte[] gzBytes = blob.toByteArray();
    assertEquals(Digests.sha256(gzBytes), d.blobDigest());
    assertEquals(0, gzBytes[4] | gzBytes[5] | gzBytes[6] | gzBytes[7]); // no mtime
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzBytes))) {
      assertEquals(Digests.sha256(raw), Digests.sha256(in.readAllBytes()));
    }
    assertEquals(d, TarCodec.digest(layer()));
  }

  @Test
  void chain_ids_follow_the_oci_formula() {
    String a = Digests.sha256("a");
    String b = Digests.sha256("b");
    String c = Digests.sha256("c");
    List<String> chain = Digests.chainIds(List.of(a, b, c));
    assertEquals(a, chain.get(0));
    assertEquals(Digests.sha256(a + " " + b), chain.get(1));
    assertEquals(Digests.sha256(chain.get(1) + " " + c), chain.get(2));
    // hand-computed: sha256("a") is ca978112…
    assertEquals("sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb", a);
  }
}
