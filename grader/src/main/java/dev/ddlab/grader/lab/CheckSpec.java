package dev.ddlab.grader.lab;

import java.util.List;
import java.util.Map;

/**
 * A check as written in YAML. Exactly one "kind" key says what is checked ({@code container},
 * {@code image}, {@code file}, {@code network}, {@code volume}, {@code swarm}, {@code service},
 * {@code tasks}, {@code swarmNode}, {@code containers}, {@code images}, {@code ran}, {@code
 * output}, {@code order}, {@code java}); the other keys refine it. Every check carries {@code
 * label}, what it verifies for people (Vietnamese, unique within the lab), and {@code fail}, the
 * Vietnamese reason shown to the learner when it does not hold. {@link LabValidator} rejects keys
 * that do not belong to the kind.
 */
public record CheckSpec(
    // kinds
    String container,
    String image,
    String file,
    String network,
    String volume,
    String swarm,
    String service,
    String tasks,
    String swarmNode,
    String containers,
    String images,
    String ran,
    String output,
    List<String> order,
    String java,
    // common
    String fail,
    String node,
    String label,
    Integer points,
    Boolean exists,
    // containers
    String status,
    Integer exitCode,
    String restartPolicy,
    Integer restartCount,
    String ancestor,
    List<String> publishes,
    List<String> env,
    List<String> mounts,
    List<String> cmd,
    List<String> entrypoint,
    // images
    List<String> tags,
    String sameAs,
    Integer layers,
    Map<String, String> labels,
    Boolean digest,
    Long minSize,
    Long maxSize,
    // files
    String in,
    String contains,
    // networks
    String driver,
    // swarm: as the node named by the kind key sees it
    String leader,
    Integer managers,
    Integer reachable,
    List<String> unreachable,
    Boolean quorum,
    Integer minTerm,
    Boolean autolock,
    // service: as the check's node (a manager) lists it
    String mode,
    Long replicas,
    Long running,
    String taskImage,
    Long updateParallelism,
    String updateDelay,
    String updateFailureAction,
    String updateOrder,
    String updateState,
    // tasks of a service: where the running ones are
    List<String> onlyOn,
    List<String> notOn,
    // swarmNode: a node as node ls shows it
    String role,
    String availability,
    String managerStatus,
    // counts (containers / images)
    Integer count,
    Integer min,
    Integer max,
    // transcript
    Map<String, Object> flags,
    List<String> args,
    String after) {

  /** The kind keys, in the order {@link #kind()} looks for them. */
  public static final List<String> KINDS =
      List.of(
          "container",
          "image",
          "file",
          "network",
          "volume",
          "swarm",
          "service",
          "tasks",
          "swarmNode",
          "containers",
          "images",
          "ran",
          "output",
          "order",
          "java");

  public CheckSpec {
    points = points == null ? 1 : points;
  }

  /** The kind keys present (a valid check has exactly one). */
  public List<String> kinds() {
    Object[] values = {
      container,
      image,
      file,
      network,
      volume,
      swarm,
      service,
      tasks,
      swarmNode,
      containers,
      images,
      ran,
      output,
      order,
      java
    };
    java.util.ArrayList<String> present = new java.util.ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        present.add(KINDS.get(i));
      }
    }
    return present;
  }

  /** The kind of this check, or null when not exactly one kind key is present. */
  public String kind() {
    List<String> k = kinds();
    return k.size() == 1 ? k.get(0) : null;
  }

  /**
   * What the check verifies, for people (Vietnamese, Markdown): the lab's {@code label}; a short
   * derived text only for checks made outside a lab file (the validator requires a label).
   */
  /** Whether the lab's author wrote a label (the validator requires one). */
  public boolean hasLabel() {
    return label != null && !label.isBlank();
  }

  @Override
  public String label() {
    if (label != null && !label.isBlank()) {
      return label;
    }
    String kind = kind();
    if (kind == null) {
      return "check";
    }
    return switch (kind) {
      case "container" -> "container " + container;
      case "image" -> "image " + image;
      case "file" -> "file " + (in == null ? "" : in + ":") + file;
      case "network" -> "network " + network;
      case "volume" -> "volume " + volume;
      case "swarm" -> "swarm on " + swarm;
      case "service" -> "service " + service;
      case "tasks" -> "tasks of " + tasks;
      case "swarmNode" -> "swarm node " + swarmNode;
      case "containers" -> "containers " + containers;
      case "images" -> "images " + images;
      case "ran" -> "ran " + ran;
      case "output" -> "output " + output;
      case "order" -> "order " + String.join(" < ", order);
      default -> "java";
    };
  }
}
