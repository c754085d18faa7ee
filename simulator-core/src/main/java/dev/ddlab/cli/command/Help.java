package dev.ddlab.cli.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** docker/cli's usage template and pflag's FlagUsagesWrapped, rendered from the picocli model. */
final class Help {
  private Help() {}

  static final int WIDTH = 80;

  static String usage(String path, Docker d, CommandSpec spec) {
    StringBuilder sb = new StringBuilder();
    sb.append("\nUsage:  ").append(path).append(' ').append(d.use()).append("\n\n");
    sb.append(d.summary()).append('\n');
    if (!d.aliases().isEmpty()) {
      sb.append("\nAliases:\n  ").append(d.aliases()).append('\n');
    }
    String flags = flagUsages(spec);
    if (!flags.isEmpty()) {
      sb.append("\nOptions:\n").append(flags);
    }
    return sb.toString();
  }

  /** pflag's FlagUsagesWrapped(width-1): sorted flags, aligned descriptions, wrapped. */
  static String flagUsages(CommandSpec spec) {
    List<OptionSpec> opts = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (!o.hidden()) {
        opts.add(o);
      }
    }
    opts.sort(Comparator.comparing(o -> FlagScanner.canonical(o).substring(2)));
    List<String> lines = new ArrayList<>();
    int maxlen = 0;
    for (OptionSpec o : opts) {
      String shortName = null;
      for (String n : o.names()) {
        if (!n.startsWith("--")) {
          shortName = n;
        }
      }
      String line =
          shortName != null
              ? "  " + shortName + ", " + FlagScanner.canonical(o)
              : "      " + FlagScanner.canonical(o);
      if (!FlagScanner.isBoolean(o)) {
        line += " " + typeName(o);
      }
      line += "\u0000";
      maxlen = Math.max(maxlen, line.length());
      String desc = String.join(" ", o.description());
      String def = o.defaultValue();
      if (def != null
          && !def.isEmpty()
          && !def.equals("false")
          && !def.equals("0")
          && !def.equals("[]")) {
        boolean quoted = !FlagScanner.isBoolean(o) && typeName(o).equals("string");
        desc += quoted ? " (default \"" + def + "\")" : " (default " + def + ")";
      }
      lines.add(line + desc);
    }
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      int sidx = line.indexOf('\u0000');
      String spacing = " ".repeat(maxlen - sidx);
      sb.append(line, 0, sidx)
          .append(' ')
          .append(spacing)
          .append(' ')
          .append(wrap(maxlen + 2, WIDTH - 1, line.substring(sidx + 1)))
          .append('\n');
    }
    return sb.toString();
  }

  static String typeName(OptionSpec o) {
    String label = o.paramLabel();
    if (label != null && !label.startsWith("<")) {
      return label;
    }
    Class<?> t = o.type();
    if (t == int.class || t == Integer.class) {
      return "int";
    }
    if (List.class.isAssignableFrom(t)) {
      return "list";
    }
    return "string";
  }

  /** pflag's wrap: continuation lines indented by i, total width w. */
  private static String wrap(int i, int w, String s) {
    if (w - i < 24) {
      return s;
    }
    int width = w - i;
    StringBuilder sb = new StringBuilder();
    String rest = s;
    boolean first = true;
    while (rest.length() > width) {
      int cut = rest.lastIndexOf(' ', width);
      if (cut <= 0) {
        cut = rest.indexOf(' ', width);
        if (cut < 0) {
          break;
        }
      }
      if (!first) {
        sb.append('\n').append(" ".repeat(i));
      }
      sb.append(rest, 0, cut);
      rest = rest.substring(cut + 1);
      first = false;
    }
    if (!first) {
      sb.append('\n').append(" ".repeat(i));
    }
    sb.append(rest);
    return sb.toString();
  }

  /** "docker rm" requires at least 1 argument. … (cli.RequiresMinArgs and friends). */
  static String argsError(String path, Docker d, int given) {
    String rule;
    int min = d.minArgs();
    int max = d.maxArgs();
    if (max == 0) {
      return "\""
          + path
          + "\" accepts no arguments.\nSee '"
          + path
          + " --help'.\n\nUsage:  "
          + path
          + " "
          + d.use()
          + "\n\n"
          + d.summary();
    }
    if (min == max) {
      rule = "requires exactly " + min + " argument" + (min == 1 ? "" : "s");
    } else if (max < 0) {
      rule = "requires at least " + min + " argument" + (min == 1 ? "" : "s");
    } else if (given > max && min == 0) {
      rule = "requires at most " + max + " argument" + (max == 1 ? "" : "s");
    } else {
      rule =
          "requires at least " + min + " and at most " + max + " argument" + (max == 1 ? "" : "s");
    }
    return "\""
        + path
        + "\" "
        + rule
        + ".\nSee '"
        + path
        + " --help'.\n\nUsage:  "
        + path
        + " "
        + d.use()
        + "\n\n"
        + d.summary();
  }
}
