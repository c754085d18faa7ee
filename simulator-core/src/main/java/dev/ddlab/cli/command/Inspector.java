package dev.ddlab.cli.command;

import dev.ddlab.cli.formatter.InspectData;
import dev.ddlab.cli.template.GoJson;
import dev.ddlab.cli.template.Template;
import dev.ddlab.cli.template.TemplateException;
import dev.ddlab.engine.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * docker/cli's inspect.Inspect: each reference is fetched and either collected into one indented
 * JSON array or run through the -f template (on the typed struct, then on the raw map where missing
 * keys are errors); a template that does not parse is status 64; errors are reported together at
 * the end, a missing object in the daemon's words as Docker 24's client passes them on.
 */
final class Inspector {
  private Inspector() {}

  static int inspect(
      DockerCommand cmd, List<String> refs, String format, Function<String, Object> fetch) {
    Template tmpl = null;
    Template raw = null;
    boolean compact = format.equals("json");
    if (!format.isEmpty() && !compact) {
      try {
        tmpl = Template.parse(format);
        raw = tmpl.missingKeyError();
      } catch (TemplateException e) {
        throw new CliException("template parsing error: " + e.getMessage(), 64);
      }
    }
    List<Object> elements = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    StringBuilder templated = new StringBuilder();
    for (String ref : refs) {
      Object element;
      try {
        element = fetch.apply(ref);
      } catch (EngineException e) {
        if (e.isNotConnected()) {
          throw e;
        }
        // Docker 24's API client wraps only a 404 for an empty ID as "Error: No such …"; a
        // missing object is the daemon's text ("Error response from daemon: No such container: x")
        errors.add(DockerCommand.daemonError(e));
        continue;
      } catch (CliException e) {
        errors.add(e.getMessage());
        continue;
      }
      if (tmpl == null) {
        elements.add(element);
        continue;
      }
      try {
        templated.append(typedThenRaw(tmpl, raw, element)).append('\n');
      } catch (TemplateException e) {
        errors.add("template parsing error: " + e.getMessage());
      }
    }
    if (tmpl == null) {
      if (elements.isEmpty()) {
        cmd.io.out("[]\n");
      } else if (compact) {
        cmd.io.out(GoJson.marshal(json(elements), true) + "\n");
      } else if (elements.size() == 1) {
        cmd.io.out(indented(cmd, elements.get(0)));
      } else {
        cmd.io.out(GoJson.marshalIndentLine(json(elements)));
      }
    } else {
      cmd.io.out(templated.length() == 0 ? "\n" : templated.toString());
    }
    if (!errors.isEmpty()) {
      throw new CliException(String.join("\n", errors), 1);
    }
    return 0;
  }

  private static List<Object> json(List<Object> dtos) {
    List<Object> out = new ArrayList<>(dtos.size());
    for (Object dto : dtos) {
      out.add(InspectData.json(dto));
    }
    return out;
  }

  /** One object's indented JSON array, as the command last wrote it when the DTO is unchanged. */
  private static String indented(DockerCommand cmd, Object dto) {
    return cmd.keptOutput(dto, () -> GoJson.marshalIndentLine(List.of(InspectData.json(dto))));
  }

  /**
   * docker/cli's TemplateInspector: the template runs on the typed struct first; when that fails (a
   * field the struct does not have, a nil pointer), on the raw JSON map with missing keys as
   * errors, whose error is the one reported.
   */
  private static String typedThenRaw(Template typed, Template raw, Object element) {
    StringBuilder one = new StringBuilder();
    try {
      typed.executeInto(one, InspectData.typed(element));
      return one.toString();
    } catch (TemplateException e) {
      one.setLength(0);
      raw.executeInto(one, InspectData.of(element));
      return one.toString();
    }
  }
}
