package dev.ddlab.introspect;

import java.util.List;

/**
 * Builds as they run: the steps of each stage, which came from the cache, which layer each made.
 * Designed before its subsystem (issue 10: the BuildKit-shaped builder): until then it answers
 * empty.
 *
 * <p>How it will be fed: the builder publishes a {@link dev.ddlab.events.SimEvent} when a build
 * starts, when each step starts, hits the cache, finishes or fails, and when the build ends; the
 * simulator's implementation keeps the builds of the session from them (the layers panel animates
 * the stack from the same events).
 */
public interface BuildsView {
  BuildsView NONE = new BuildsView() {};

  /** The node's builds, oldest first, the running one last. */
  default List<Build> builds(String node) {
    return List.of();
  }

  /** Where a build or a step stands. */
  enum Status {
    WAITING,
    RUNNING,
    CACHED,
    DONE,
    FAILED
  }

  /**
   * One {@code docker build}.
   *
   * @param id the build's id as BuildKit names it
   * @param tags the {@code -t} references
   * @param imageId the image it made ({@code sha256:…}), or "" until it is done
   */
  record Build(String id, List<String> tags, Status status, List<Step> steps, String imageId) {
    public Build {
      tags = List.copyOf(tags);
      steps = List.copyOf(steps);
    }
  }

  /**
   * One step, as BuildKit's progress shows it ("[build 2/5] RUN go build …").
   *
   * @param stage the stage's name or index ("build", "1"), without the platform
   * @param index its position in its stage, from 1
   * @param instruction the Dockerfile line after substitution
   * @param cacheHit whether the cache answered it ({@code CACHED})
   * @param layerDiffId the layer it added ({@code sha256:…}), or "" for a config-only step
   * @param startedNanos virtual time it started, or -1
   * @param finishedNanos virtual time it finished, or -1
   * @param platform the platform this step builds for in a multi-platform build ("linux/arm64"),
   *     else "": each platform has its own graph of stages
   */
  record Step(
      String stage,
      int index,
      String instruction,
      Status status,
      boolean cacheHit,
      String layerDiffId,
      long startedNanos,
      long finishedNanos,
      String platform) {
    /** A step of a single-platform build. */
    public Step(
        String stage,
        int index,
        String instruction,
        Status status,
        boolean cacheHit,
        String layerDiffId,
        long startedNanos,
        long finishedNanos) {
      this(
          stage,
          index,
          instruction,
          status,
          cacheHit,
          layerDiffId,
          startedNanos,
          finishedNanos,
          "");
    }
  }
}
