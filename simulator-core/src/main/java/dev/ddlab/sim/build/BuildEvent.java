package dev.ddlab.sim.build;

import dev.ddlab.events.SimEvent;
import dev.ddlab.introspect.BuildsView;

/**
 * A build's progress as the layers panel animates it: the build started or ended, or one of its
 * steps changed ({@code step} is then its state: running, cached, done, failed). Published on the
 * cluster's bus with the step's virtual time.
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
