package dev.ddlab.cli.compose;

import dev.ddlab.cli.command.Docker;
import dev.ddlab.cli.command.EventStream;
import dev.ddlab.cli.template.GoJson;
import dev.ddlab.client.CliResult;
import dev.ddlab.engine.dto.EventMessage;
import dev.ddlab.go.GoTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code docker compose events [--json] [SERVICE...]} (compose's Events): the engine's events of
 * the project's containers as they happen, one-offs of {@code run} left out, attributes without
 * compose's own labels; until Ctrl-C. A line is compose's api.Event.String() (ending in a newline,
 * which Fprintln doubles); {@code --json} is json.Marshal of compose's map, keys sorted.
 */
@Command(name = "events")
@Docker(use = "[OPTIONS] [SERVICE...]", summary = "Receive real time events from containers")
final class ComposeEvents extends ComposeCommand.WithShortFile {
  @Option(names = "--json", description = "Output events as a stream of json objects")
  boolean json;

  @Parameters List<String> services = new ArrayList<>();

  @Override
  int run() {
    String project = projectNameOnly();
    Map<String, List<String>> filters =
        Map.of("label", List.of(ComposeService.PROJECT + "=" + project));
    result = CliResult.attached(new EventStream(engine.system(), filters, this::line));
    return 0;
  }

  /** The event's line, or null for one compose skips. */
  private String line(EventMessage e) {
    Map<String, String> all =
        e.actor() == null || e.actor().attributes() == null ? Map.of() : e.actor().attributes();
    if (!"container".equals(e.type()) || "True".equals(all.get(ComposeService.ONEOFF))) {
      return null;
    }
    String service = all.getOrDefault(ComposeService.SERVICE, "");
    if (!services.isEmpty() && !services.contains(service)) {
      return null;
    }
    Map<String, String> attributes = new TreeMap<>(); // Go walks the map at random; sorted here
    all.forEach(
        (k, v) -> {
          if (!k.startsWith("com.docker.compose.")) {
            attributes.put(k, v);
          }
        });
    long nanos = e.timeNano() != 0 ? e.timeNano() : e.time() * 1_000_000_000L;
    String id = e.actor().id();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("action", e.action());
      m.put("attributes", attributes);
      m.put("id", id);
      m.put("service", service);
      m.put("time", GoTime.rfc3339Nano(nanos));
      m.put("type", "container");
      return GoJson.marshal(m, true);
    }
    List<String> attr = new ArrayList<>();
    attributes.forEach((k, v) -> attr.add(k + "=" + v));
    String time = GoTime.rfc3339NanoFixed(nanos).replace('T', ' ');
    // "2006-01-02 15:04:05.000000": microseconds, in the client's zone (UTC here)
    time = time.substring(0, time.indexOf('.') + 7);
    return time + " container " + e.action() + " " + id + " (" + String.join(", ", attr) + ")\n";
  }
}
