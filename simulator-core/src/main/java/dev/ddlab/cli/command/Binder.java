package dev.ddlab.cli.command;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Sets a command's annotated fields from the canonical command line {@link FlagScanner} produced
 * ({@code --long[=value]} tokens, then positionals): every option back to its initial value, then
 * the values given, converted as pflag would (strings, integers, booleans, repeated lists). The
 * picocli model supplies the fields; the grammar is the scanner's, so this replaces picocli's own
 * parser, which probes every word as a possible number through exceptions.
 */
final class Binder {
  private Binder() {}

  /** Binds and returns the positional arguments. */
  static List<String> bind(
      CommandSpec spec, FlagScanner scanner, List<String> canonical, boolean stopAtPositional) {
    Map<String, OptionSpec> byName = scanner.byName;
    scanner.initialValues.forEach(
        (o, v) -> o.setValue(v == FRESH_LIST ? new ArrayList<String>() : v));
    List<String> positionals = new ArrayList<>();
    boolean onlyPositionals = false;
    for (String a : canonical) {
      if (onlyPositionals || !isOption(a, byName)) {
        if (a.equals("--") && !onlyPositionals) {
          onlyPositionals = true;
          continue;
        }
        positionals.add(a);
        onlyPositionals |= stopAtPositional;
        continue;
      }
      int eq = a.indexOf('=');
      OptionSpec o = byName.get(eq < 0 ? a : a.substring(0, eq));
      set(o, eq < 0 ? null : a.substring(eq + 1));
    }
    for (PositionalParamSpec p : spec.positionalParameters()) {
      p.setValue(new ArrayList<>(positionals));
    }
    return positionals;
  }

  /**
   * A canonical option token: {@code --long[=value]}, or {@code -x[=value]} for an option whose
   * only name is a shorthand (compose's hidden {@code -f} and {@code -p} after the subcommand).
   */
  private static boolean isOption(String a, Map<String, OptionSpec> byName) {
    if (a.startsWith("--")) {
      return a.length() > 2;
    }
    int eq = a.indexOf('=');
    return a.startsWith("-") && byName.containsKey(eq < 0 ? a : a.substring(0, eq));
  }

  /** Stands for a new empty list: a repeatable option's value is mutated while binding. */
  private static final Object FRESH_LIST = new Object();

  /**
   * What each option goes back to before a parse, worked out once per model (picocli interpolates
   * default values on every read): the default converted, false or 0 for primitives, or the field's
   * initial value.
   */
  static Map<OptionSpec, Object> initialValues(CommandSpec spec) {
    Map<OptionSpec, Object> out = new IdentityHashMap<>();
    for (OptionSpec o : spec.options()) {
      Class<?> t = o.type();
      Object v;
      if (List.class.isAssignableFrom(t)) {
        v = FRESH_LIST;
      } else if (o.defaultValue() != null) {
        v = convert(o, o.defaultValue());
      } else if (t == boolean.class) {
        v = false;
      } else if (t == int.class) {
        v = 0;
      } else if (t == long.class) {
        v = 0L;
      } else {
        v = o.initialValue();
      }
      out.put(o, v);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void set(OptionSpec o, String value) {
    if (FlagScanner.isBoolean(o)) {
      o.setValue(!"false".equals(value)); // the scanner writes a false value as "=false"
      return;
    }
    if (List.class.isAssignableFrom(o.type())) {
      ((List<String>) o.getValue()).add(value);
      return;
    }
    o.setValue(convert(o, value));
  }

  private static Object convert(ArgSpec a, String value) {
    Class<?> t = a.type();
    try {
      if (t == int.class || t == Integer.class) {
        return Integer.parseInt(value.trim());
      }
      if (t == long.class || t == Long.class) {
        return Long.parseLong(value.trim());
      }
    } catch (NumberFormatException e) {
      OptionSpec o = (OptionSpec) a;
      throw new CliException(
          "invalid argument \""
              + value
              + "\" for \""
              + FlagScanner.flagTitle(o)
              + "\" flag: strconv.ParseInt: parsing \""
              + value
              + "\": invalid syntax",
          125);
    }
    if (t == boolean.class || t == Boolean.class) {
      return Boolean.parseBoolean(value);
    }
    return value;
  }
}
