package dev.ddlab.sim.build;

import static dev.ddlab.sim.build.BuildState.MS;

import dev.ddlab.engine.dto.AuthConfig;
import dev.ddlab.engine.dto.BuildOutput;
import dev.ddlab.sim.image.BuildKitManifests;
import dev.ddlab.sim.image.Image;
import dev.ddlab.sim.image.ImageLayer;
import dev.ddlab.sim.image.Reference;
import dev.ddlab.sim.image.Registry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * BuildKit's exporters for a build with {@code outputs} (buildx's {@code --push}, {@code --load}),
 * or on a BuildKit of its own without any (the result stays in its cache: no export step). The
 * image exporter writes each platform's manifest and config, a manifest list when there are several
 * ({@code exporting manifest list sha256:…}), names the result and pushes it: the layers the
 * registry lacks, then the manifests ({@code pushing manifest for NAME@sha256:…}) after a push
 * token ({@code [auth] user/app:pull,push token for registry-1.docker.io}). The docker exporter
 * sends a docker image tarball the client imports into the daemon ({@code importing to docker}).
 * With a provenance attestation asked for (buildx asks for {@code mode=min} unless {@code
 * --provenance=false}) the image exporter writes, after each platform's manifest, its attestation
 * manifest ({@code exporting attestation manifest sha256:…}), and an OCI image index over them
 * (even for one platform), every media type OCI's, as BuildKit does; without, Docker's manifests
 * and a manifest list for several platforms. The daemon's own BuildKit (the docker driver) and the
 * docker exporter ({@code --load}) store images without attestations.
 */
final class OutputExport {
  private OutputExport() {}

  /** Pushing to a registry: about 7 MB/s (of the layers' sizes) in virtual time. */
  private static final long PUSH_BYTES_PER_SECOND = 7_000_000;

  /**
   * Exports the target stage of each platform's part; the image ID when the image went to the
   * node's store, else "".
   */
  static String export(BuildState s, List<BuildState> parts, int target) {
    List<BuildOutput> outputs = s.req.outputs();
    if (outputs.isEmpty() && s.b.isDaemon()) {
      return ImageExport.export(s, parts.get(0).done.get(target));
    }
    if (outputs.isEmpty()) {
      return "";
    }
    BuildOutput out = outputs.get(0);
    if (parts.size() > 1 && (out.loads() || s.b.isDaemon())) {
      throw new BuildFailure("docker exporter does not currently support exporting manifest lists");
    }
    String provenance = out.loads() || s.b.isDaemon() ? null : Provenance.mode(s.req.attests());
    boolean oci = provenance != null;
    List<Image> images = new ArrayList<>();
    List<Registry.Manifest> manifests = new ArrayList<>();
    long start = s.t0;
    for (BuildState p : parts) {
      StageState st = p.done.get(target);
      Image img = ImageExport.image(st);
      images.add(img);
      manifests.add(
          s.b.isDaemon()
              ? Registry.manifest(img, st.platform)
              : BuildKitManifests.manifest(img, st.platform, oci));
      start = Math.max(start, s.progress.lastCompleted(st.time));
    }
    Vertex v =
        s.progress.vertex(
            out.loads() ? "exporting to docker image format" : "exporting to image", start);
    boolean fresh = false;
    for (Image img : images) {
      fresh |= s.b.exported().add(img.id());
    }
    long t = start + (fresh ? 180 * MS * images.size() : 2 * MS);
    v.status("exporting layers", start, t);
    List<Registry.Attestation> attestations = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      v.status("exporting manifest " + manifests.get(i).digest(), t, t + 1 * MS);
      v.status("exporting config " + images.get(i).id(), t + 1 * MS, t + 2 * MS);
      t += 2 * MS;
      if (oci) {
        Registry.Manifest m = manifests.get(i);
        Registry.Attestation a =
            BuildKitManifests.attestation(
                m.digest(),
                List.of(
                    Provenance.statement(
                        s, parts.get(i), m.platform(), provenance, m.digest(), t)));
        attestations.add(a);
        v.status("exporting attestation manifest " + a.digest(), t, t + 1 * MS);
        t += 1 * MS;
      }
    }
    Registry.Tagged result = manifests.get(0);
    if (manifests.size() > 1 || oci) {
      result =
          s.b.isDaemon()
              ? Registry.list(manifests)
              : BuildKitManifests.index(manifests, attestations);
      v.status("exporting manifest list " + result.digest(), t, t + 1 * MS);
      t += 1 * MS;
    }
    String imageId = "";
    if (out.loads()) {
      long size = 0;
      for (ImageLayer l : images.get(0).layers()) {
        size += l.digest().blobSize();
      }
      long sent = t + 20 * MS + size / 100_000; // ~100 MB/s to the client
      v.status("sending tarball", t, sent);
      v.completed = sent;
      Vertex in = s.progress.vertex("importing to docker", sent);
      in.completed = ImageExport.store(s, in, images.get(0), sent + 30 * MS);
      return images.get(0).id();
    }
    if (s.b.isDaemon()) {
      t = ImageExport.store(s, v, images.get(0), t);
      imageId = images.get(0).id();
    } else {
      for (String tag : s.req.tags()) {
        v.status("naming to " + ImageExport.name(tag), t, t + 1 * MS);
        t += 1 * MS;
      }
    }
    v.completed = t;
    if (out.pushes()) {
      push(s, v, result, images);
    }
    return imageId;
  }

  /**
   * Pushes {@code result} under every name: the push token, the layers the registry lacks, then the
   * manifests; a name outside the Docker ID's namespace (or without a login) fails as Docker Hub
   * answers BuildKit.
   */
  private static void push(BuildState s, Vertex v, Registry.Tagged result, List<Image> images) {
    Registry registry = s.b.images().registry();
    long t = v.completed;
    for (String tag : s.req.tags()) {
      Reference ref = ImageExport.name(tag);
      Vertex auth =
          s.progress.vertex(
              "[auth] " + ref.remoteName() + ":pull,push token for " + StageGraph.registryHost(ref),
              t);
      auth.completed = t;
      String server = ref.domain().equals("docker.io") ? Registry.HUB : ref.domain();
      AuthConfig credentials = s.req.authConfigs().get(server);
      if (credentials == null || !registry.mayPush(ref, credentials)) {
        String msg =
            "failed to push "
                + ref
                + ": push access denied, repository does not exist or may require authorization:"
                + " server message: insufficient_scope: authorization failed";
        v.status("pushing layers", t, t + 400 * MS);
        v.completed = t + 400 * MS;
        v.error = msg;
        throw new BuildFailure(msg);
      }
      long bytes = 0;
      Set<String> seen = new HashSet<>();
      for (Image img : images) {
        for (ImageLayer l : img.layers()) {
          if (seen.add(l.diffId()) && !registry.hasLayer(l)) {
            bytes += l.size();
          }
        }
      }
      long layers = t + 300 * MS + bytes * 1_000_000_000L / PUSH_BYTES_PER_SECOND;
      v.status("pushing layers", t, layers);
      int count =
          images.size()
              + (result instanceof Registry.ManifestList l ? 1 + l.attestations().size() : 0);
      long manifest = layers + 600 * MS * count;
      v.status("pushing manifest for " + ref + "@" + result.digest(), layers, manifest);
      registry.push(ref, result);
      t = manifest;
    }
    v.completed = t;
  }
}
