package dev.ddlab.sim.swarm.agent;

import java.util.Map;
import java.util.function.Function;

/**
 * swarmkit's template package for secret and config payloads created with {@code --template-driver
 * golang}: the agent expands a payload per task before the container sees it, with the task's
 * context ({@code .Service.Name}, {@code .Node.Hostname}, {@code .Task.Slot} …) and the functions
 * {@code secret}, {@code config} (another reference's data, by its target) and {@code env} (the
 * task's environment). The simulator has no template engine of its own: the session supplies the
 * CLI's Go template engine through this seam ({@link #KEY} in the cluster's shared objects).
 */
public interface PayloadTemplates {
  /** The cluster's shared-object key. */
  String KEY = "swarm.payload-templates";

  /** swarmkit's template.Context of one task. */
  record Context(
      String serviceId,
      String serviceName,
      Map<String, String> serviceLabels,
      String nodeId,
      String hostname,
      String architecture,
      String os,
      String taskId,
      String taskName,
      String slot) {}

  /**
   * {@code text} expanded as PayloadContext.Expand does (missing keys are errors).
   *
   * @param secret a secret's data by its target in the task, or an exception with swarmkit's text
   * @param config a config's data by its target
   * @param env the value of a variable of the task's environment, "" when unset
   * @throws IllegalArgumentException with Go's text/template error
   */
  String expand(
      String text,
      Context context,
      Function<String, String> secret,
      Function<String, String> config,
      Function<String, String> env);

  /** Without a template engine: every templated payload fails to expand. */
  PayloadTemplates NONE =
      (text, context, secret, config, env) -> {
        throw new IllegalArgumentException("templating is not available");
      };
}
