package dev.ddlab.grader.state;

import java.util.List;
import java.util.Map;

/**
 * A swarm service as a check sees it ({@code docker service ls} and {@code docker service inspect}
 * on a manager).
 *
 * @param mode "replicated" or "global"
 * @param replicas the tasks it wants (the second number of {@code service ls}'s REPLICAS)
 * @param running its running tasks (the first number)
 * @param image the image its tasks run (TaskTemplate.ContainerSpec.Image, a digest kept)
 * @param env "KEY=value" entries of its tasks
 * @param labels the service's labels
 * @param updateDelayNanos UpdateConfig.Delay
 * @param updateFailureAction "pause", "continue" or "rollback"
 * @param updateOrder "stop-first" or "start-first"
 * @param updateState UpdateStatus.State ("updating", "paused", "completed", "rollback_started",
 *     "rollback_paused", "rollback_completed"), "" before any update
 */
public record ServiceView(
    String id,
    String name,
    String mode,
    long replicas,
    long running,
    String image,
    List<String> env,
    Map<String, String> labels,
    long updateParallelism,
    long updateDelayNanos,
    String updateFailureAction,
    String updateOrder,
    String updateState) {
  public ServiceView {
    env = List.copyOf(env);
    labels = Map.copyOf(labels);
  }
}
