package dev.ddlab.cli.formatter;

import dev.ddlab.cli.template.Functions;
import dev.ddlab.cli.template.GoObject;
import dev.ddlab.cli.template.Template;
import dev.ddlab.cli.template.TemplateException;
import java.util.List;
import java.util.Map;

/**
 * docker/cli's formatter.Context: renders rows through a Go template; a {@code table} format adds a
 * header row (the same template run over the header names with the header functions) and aligns
 * columns with the tabwriter; {@code json} prints one JSON object per line.
 */
public final class FormatContext {
  public static final String TABLE = "table";
  public static final String JSON = "json";
  public static final String DEFAULT_QUIET = "{{.ID}}";

  private final String format;

  public FormatContext(String format) {
    this.format = format;
  }

  public boolean isTable() {
    return format.startsWith(TABLE);
  }

  public boolean isJson() {
    return format.equals(JSON);
  }

  /** The template text after removing "table", trimming spaces and turning \t, \n into tabs. */
  public String finalFormat() {
    String f = format;
    if (isTable()) {
      f = f.substring(TABLE.length());
    } else if (isJson()) {
      f = "{{json .}}";
    }
    f = trimSpaces(f);
    return f.replace("\\t", "\t").replace("\\n", "\n");
  }

  private static String trimSpaces(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && s.charAt(a) == ' ') {
      a++;
    }
    while (b > a && s.charAt(b - 1) == ' ') {
      b--;
    }
    return s.substring(a, b);
  }

  /** Parses the final format; errors carry docker's "template parsing error: " prefix. */
  public Template parse() {
    try {
      return Template.parse(finalFormat());
    } catch (TemplateException e) {
      throw new FormatException("template parsing error: " + e.getMessage());
    }
  }

  /**
   * Renders rows; throws {@link FormatException} with docker's text when the template fails. The
   * header object maps field names to column titles.
   */
  public String write(List<GoObject> rows, GoObject header) {
    Template tmpl = parse();
    StringBuilder buffer = new StringBuilder(rows.size() * 128 + 64);
    boolean table = isTable();
    if (table) {
      // the header row goes first into the same buffer, which the tabwriter then aligns
      try {
        tmpl.withFunctions(Functions.header()).executeInto(buffer, header);
      } catch (TemplateException e) {
        // docker/cli ignores errors while rendering the header row
      }
      buffer.append('\n');
    }
    int start = buffer.length();
    for (GoObject row : rows) {
      try {
        tmpl.executeInto(buffer, row);
      } catch (TemplateException e) {
        throw new FormatException(
            "template parsing error: " + e.getMessage(), buffer.substring(start));
      }
      buffer.append('\n');
    }
    return table ? TabWriter.docker().format(buffer) : buffer.toString();
  }

  /** A header context: field name → column title, plus the Label method. */
  public static GoObject header(Map<String, String> titles) {
    GoObject h = new GoObject("formatter.SubHeaderContext").mapLike();
    titles.forEach(h::field);
    h.method("Label", 1, args -> headerLabel(String.valueOf(args.get(0))));
    return h;
  }

  /** A header context from pairs: field name, column title, field name, column title, … */
  public static GoObject header(String... fieldsAndTitles) {
    Map<String, String> h = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < fieldsAndTitles.length; i += 2) {
      h.put(fieldsAndTitles[i], fieldsAndTitles[i + 1]);
    }
    return header(h);
  }

  /** SubHeaderContext.Label: the last dot-separated part, with - and _ as spaces. */
  static String headerLabel(String name) {
    String[] parts = name.split("\\.", -1);
    return parts[parts.length - 1].replace('-', ' ').replace('_', ' ');
  }

  /** A formatting failure, with whatever was rendered before it (docker prints nothing then). */
  public static final class FormatException extends RuntimeException {
    private final String partial;

    public FormatException(String message) {
      this(message, "");
    }

    public FormatException(String message, String partial) {
      super(message);
      this.partial = partial;
    }

    public String partial() {
      return partial;
    }
  }
}
