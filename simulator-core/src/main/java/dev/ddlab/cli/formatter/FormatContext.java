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
    if (!isTable()) {
      StringBuilder buffer = new StringBuilder(rows.size() * 128 + 64);
      Template.Executor rowTemplate = tmpl.executor();
      for (GoObject row : rows) {
        try {
          rowTemplate.executeInto(buffer, row);
        } catch (TemplateException e) {
          throw new FormatException("template parsing error: " + e.getMessage());
        }
        buffer.append('\n');
      }
      return buffer.toString();
    }
    // Each row is rendered on its own and handed to the tabwriter as it is: no buffer of the whole
    // table is copied (nor turned into UTF-16 from the first "…" on, as one buffer would be).
    TabWriter.Lines lines = TabWriter.docker().lines(rows.size() + 1);
    lines.addRow(headerRow(tmpl, header));
    StringBuilder text = new StringBuilder(256);
    Template.Executor rowTemplate = tmpl.executor();
    for (GoObject row : rows) {
      try {
        rowTemplate.executeInto(text, row);
      } catch (TemplateException e) {
        throw new FormatException("template parsing error: " + e.getMessage());
      }
      if (lines.addRow(text.toString())) {
        // a UTF-16 buffer stays one: the next rows (most likely Latin-1) get a new one
        text = new StringBuilder(256);
      } else {
        text.setLength(0);
      }
    }
    return lines.format(false);
  }

  private static String headerRow(Template tmpl, GoObject header) {
    StringBuilder text = new StringBuilder(256);
    try {
      // docker/cli ignores errors while rendering the header row
      tmpl.withFunctions(Functions.header()).executeInto(text, header);
    } catch (TemplateException e) {
      // what it wrote before the error stays
    }
    return text.toString();
  }

  /**
   * Renders rows one at a time, for a caller that keeps the rows it rendered ({@code docker ps}
   * writes again only the rows whose container changed): {@link Rows#row} each, then {@link
   * Rows#write} of them all, which is what {@link #write} gives for the same rows.
   */
  public Rows rows() {
    return new Rows(parse());
  }

  /** The rows of one output ({@link #rows}). */
  public final class Rows {
    private final Template tmpl;
    private final Template.Executor executor;

    private Rows(Template tmpl) {
      this.tmpl = tmpl;
      this.executor = tmpl.executor();
    }

    /** One row's text, without a line end. */
    public String row(GoObject row) {
      // a builder per row: one that held a "…" would stay UTF-16 for the rows after it
      StringBuilder text = new StringBuilder(128);
      try {
        executor.executeInto(text, row);
      } catch (TemplateException e) {
        throw new FormatException("template parsing error: " + e.getMessage());
      }
      return text.toString();
    }

    /**
     * The output of rows rendered by {@link #row}, in order (a table: aligned, its header first).
     */
    public String write(List<String> rows, GoObject header) {
      if (!isTable()) {
        int size = 0;
        for (String r : rows) {
          size += r.length() + 1;
        }
        StringBuilder out = new StringBuilder(size);
        for (String r : rows) {
          out.append(r).append('\n');
        }
        return out.toString();
      }
      TabWriter.Lines lines = TabWriter.docker().lines(rows.size() + 1);
      lines.addRow(headerRow(tmpl, header));
      for (String r : rows) {
        lines.addRow(r);
      }
      return lines.format(false);
    }
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

  /** A formatting failure: docker prints its message and none of the rows rendered before it. */
  public static final class FormatException extends RuntimeException {
    public FormatException(String message) {
      super(message);
    }
  }
}
