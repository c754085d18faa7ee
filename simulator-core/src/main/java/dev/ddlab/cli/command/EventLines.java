package dev.ddlab.cli.command;

import dev.ddlab.cli.formatter.InspectData;
import dev.ddlab.cli.template.Template;
import dev.ddlab.cli.template.TemplateException;
import dev.ddlab.engine.dto.EventMessage;
import dev.ddlab.go.GoTime;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;

/**
 * The lines of {@code docker events}: events.go's prettyPrintEvent, or the {@code --format}
 * template (whose execution error is the event's line). {@code --until} prints up to 256 events at
 * once, so each line is written straight into the command's one output buffer, and events of the
 * same virtual instant share their time stamp's text.
 */
final class EventLines {
  // null: prettyPrintEvent
  private final Template template;
  private long stampNanos;
  private String stamp;

  EventLines(Template template) {
    this.template = template;
  }

  /** The event's line without its newline (the following stream prints one per event). */
  String line(EventMessage e) {
    StringBuilder sb = new StringBuilder(160);
    appendLine(sb, e);
    return sb.toString();
  }

  private void appendLine(StringBuilder out, EventMessage e) {
    if (template == null) {
      pretty(out, e);
      return;
    }
    int start = out.length();
    try {
      template.executeInto(out, InspectData.ofStruct(e));
    } catch (TemplateException ex) {
      out.setLength(start);
      out.append(ex.getMessage());
    }
  }

  /** prettyPrintEvent: time, type, action, actor ID, then the attributes sorted by name. */
  private void pretty(StringBuilder out, EventMessage e) {
    long nanos = e.timeNano() != 0 ? e.timeNano() : e.time() * 1_000_000_000L;
    if (stamp == null || nanos != stampNanos) {
      stamp = GoTime.rfc3339NanoFixed(nanos);
      stampNanos = nanos;
    }
    out.append(stamp).append(' ').append(e.type()).append(' ').append(e.action()).append(' ');
    out.append(e.actor() == null ? "" : e.actor().id());
    Map<String, String> attrs = e.actor() == null ? null : e.actor().attributes();
    if (attrs == null || attrs.isEmpty()) {
      return;
    }
    out.append(" (");
    if (attrs instanceof SortedMap<String, String> sorted && sorted.comparator() == null) {
      String comma = "";
      for (Map.Entry<String, String> a : sorted.entrySet()) {
        out.append(comma).append(a.getKey()).append('=').append(a.getValue());
        comma = ", ";
      }
    } else {
      String[] keys = attrs.keySet().toArray(new String[0]);
      Arrays.sort(keys);
      for (int i = 0; i < keys.length; i++) {
        if (i > 0) {
          out.append(", ");
        }
        out.append(keys[i]).append('=').append(attrs.get(keys[i]));
      }
    }
    out.append(')');
  }
}
