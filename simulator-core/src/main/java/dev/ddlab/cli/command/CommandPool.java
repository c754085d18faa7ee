package dev.ddlab.cli.command;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Parsed picocli models of the docker commands, kept for reuse: building a model reflects over
 * dozens of annotated fields and costs milliseconds, while picocli resets every option to its
 * initial value at each parse. A model is lent to one invocation at a time.
 */
public final class CommandPool {
  /** A command's model with its flag tables. */
  record Prepared(CommandLine commandLine, Docker meta, FlagScanner scanner) {}

  private final Map<Supplier<DockerCommand>, Deque<Prepared>> free = new HashMap<>();

  synchronized Prepared acquire(Supplier<DockerCommand> factory) {
    Deque<Prepared> q = free.get(factory);
    if (q != null && !q.isEmpty()) {
      return q.pop();
    }
    return prepare(factory);
  }

  /** A fresh model of the command a factory makes, set up as docker parses. */
  static Prepared prepare(Supplier<DockerCommand> factory) {
    DockerCommand cmd = factory.get();
    Docker meta = CommandTree.meta(cmd);
    CommandLine cl = new CommandLine(cmd);
    cl.setExpandAtFiles(false);
    cl.setOverwrittenOptionsAllowed(true);
    cl.setStopAtPositional(meta.stopAtPositional());
    // FlagScanner has already rejected unknown flags; this also spares picocli's number probing.
    cl.setUnmatchedOptionsArePositionalParams(true);
    return new Prepared(cl, meta, new FlagScanner(cl.getCommandSpec(), meta.stopAtPositional()));
  }

  synchronized void release(Supplier<DockerCommand> factory, Prepared p) {
    free.computeIfAbsent(factory, k -> new ArrayDeque<>()).push(p);
  }
}
