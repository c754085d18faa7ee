package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.LogFrame;
import dev.ddlab.engine.dto.LogsOptions;
import dev.ddlab.go.GoTime;
import java.util.List;

/**
 * moby's daemon/logs.go: GET /containers/{id}/logs (not following) over the container's json-file
 * log ({@link LogBuffer}): since/until as Go time bounds, tail, the streams asked for.
 */
final class Logs {
  private final Daemon daemon;

  Logs(Daemon daemon) {
    this.daemon = daemon;
  }

  List<LogFrame> logs(String ref, LogsOptions options) {
    Container c = daemon.get(ref);
    if (c.logs == null) {
      return List.of();
    }
    long since;
    long until;
    try {
      since = GoTime.parseBound(options.since(), Long.MIN_VALUE);
      until = GoTime.parseBound(options.until(), Long.MAX_VALUE);
    } catch (IllegalArgumentException e) {
      throw EngineException.badRequest("invalid value for \"since\": " + e.getMessage());
    }
    int tail = -1;
    if (options.tail() != null && !options.tail().isEmpty() && !options.tail().equals("all")) {
      try {
        tail = Integer.parseInt(options.tail());
      } catch (NumberFormatException e) {
        tail = -1;
      }
    }
    boolean out = options.stdout();
    boolean err = options.stderr();
    if (!out && !err) {
      throw EngineException.badRequest("Bad parameters: you must choose at least one stream");
    }
    return c.logs.read(out, err, since, until, tail);
  }
}
