package dev.ddlab.grader.state;

import java.util.List;
import java.util.Map;

/**
 * An image as a check sees it (from docker image inspect).
 *
 * @param tags RepoTags, e.g. "alpine:latest"
 * @param digests RepoDigests, e.g. "alpine@sha256:…"
 * @param layers RootFS.Layers (DiffIDs), bottom first
 * @param size Size in bytes, as docker images reports it
 */
public record ImageView(
    String id,
    List<String> tags,
    List<String> digests,
    List<String> layers,
    Map<String, String> labels,
    List<String> cmd,
    List<String> entrypoint,
    long size) {
  public ImageView {
    tags = List.copyOf(tags);
    digests = List.copyOf(digests);
    layers = List.copyOf(layers);
    labels = Map.copyOf(labels);
    cmd = List.copyOf(cmd);
    entrypoint = List.copyOf(entrypoint);
  }
}
