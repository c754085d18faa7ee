package dev.ddlab.introspect;

import dev.ddlab.events.SimEvent;

/**
 * A build's progress as the layers panel animates it: the build started or ended, or one of its
 * steps changed ({@code step} is then its state: running, cached, done, failed). Published on the
 * cluster's bus by the simulated builder with the step's virtual time; a build that stores no image
 * (a BuildKit in a container exporting to its cache or a registry) shows in the panel by its {@code
 * build-end}.
 *
 * @param buildId the build's ID
 * @param kind "build-start", "step" or "build-end"
 * @param step the step, for kind "step"; else null
 * @param build the build as it stands
 */
public record BuildEvent(
    long timeNanos,
    String node,
    String buildId,
    String kind,
    BuildsView.Step step,
    BuildsView.Build build)
    implements SimEvent {}
