package dev.ddlab.cli.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Reads a command line the way spf13/pflag does (clustered shorthands, {@code --flag=value}, {@code
 * -pVALUE}, {@code --bool=false}, {@code --}) and reports pflag's errors; what it returns is the
 * same command line in a canonical form ({@code --long=value}) for picocli to bind.
 */
final class FlagScanner {
  /** The outcome: canonical arguments, or help requested. */
  record Scanned(List<String> args, boolean help) {}

  private final Map<String, OptionSpec> longs = new HashMap<>();
  private final Map<Character, OptionSpec> shorts = new HashMap<>();

  /** Every name ("-d", "--detach") to its option, for binding. */
  final Map<String, OptionSpec> byName = new HashMap<>();

  /** The canonical (longest) name of each option; picocli recomputes names on each call. */
  private final Map<OptionSpec, String> canonicalNames = new HashMap<>();

  private final boolean stopAtPositional;

  /** Each option's value before a parse, for {@link Binder}. */
  final Map<OptionSpec, Object> initialValues;

  FlagScanner(CommandSpec spec, boolean stopAtPositional) {
    this.stopAtPositional = stopAtPositional;
    this.initialValues = Binder.initialValues(spec);
    for (OptionSpec o : spec.options()) {
      String[] names = o.names();
      canonicalNames.put(o, canonical(names));
      for (String n : names) {
        byName.put(n, o);
        if (n.startsWith("--")) {
          longs.put(n.substring(2), o);
        } else if (n.length() == 2 && n.startsWith("-")) {
          shorts.put(n.charAt(1), o);
        }
      }
    }
  }

  static boolean isBoolean(OptionSpec o) {
    return o.arity().max() == 0;
  }

  /** The canonical (longest) name of an option. */
  static String canonical(OptionSpec o) {
    return canonical(o.names());
  }

  private static String canonical(String[] names) {
    String best = names[0];
    for (String n : names) {
      if (n.length() > best.length()) {
        best = n;
      }
    }
    return best;
  }

  Scanned scan(List<String> args) {
    List<String> out = new ArrayList<>();
    boolean positional = false;
    boolean help = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (stopAtPositional && positional) {
        out.add(a);
        continue;
      }
      if (a.equals("--")) {
        out.addAll(args.subList(i, args.size()));
        break;
      }
      if (a.startsWith("--") && a.length() > 2) {
        String name = a.substring(2);
        String value = null;
        int eq = name.indexOf('=');
        if (eq >= 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        OptionSpec o = longs.get(name);
        if (o == null) {
          if (name.equals("help")) {
            help = true;
            continue;
          }
          throw new CliException("unknown flag: --" + name, 125);
        }
        if (isBoolean(o)) {
          // --sig-proxy=false: a flag whose default is true is turned off (the last one wins)
          out.add(
              value == null || parseBool(value, o)
                  ? canonicalNames.get(o)
                  : canonicalNames.get(o) + "=false");
        } else {
          if (value == null) {
            if (i + 1 >= args.size()) {
              throw new CliException("flag needs an argument: --" + name, 125);
            }
            value = args.get(++i);
          }
          out.add(canonicalNames.get(o) + "=" + value);
        }
      } else if (a.startsWith("-") && a.length() > 1) {
        String cluster = a.substring(1);
        for (int j = 0; j < cluster.length(); j++) {
          char c = cluster.charAt(j);
          OptionSpec o = shorts.get(c);
          if (o == null) {
            if (c == 'h') {
              help = true;
              continue;
            }
            throw new CliException("unknown shorthand flag: '" + c + "' in -" + cluster, 125);
          }
          if (isBoolean(o)) {
            if (j + 1 < cluster.length() && cluster.charAt(j + 1) == '=') {
              out.add(
                  parseBool(cluster.substring(j + 2), o)
                      ? canonicalNames.get(o)
                      : canonicalNames.get(o) + "=false");
              break;
            }
            out.add(canonicalNames.get(o));
            continue;
          }
          String rest = cluster.substring(j + 1);
          if (rest.startsWith("=")) {
            rest = rest.substring(1);
          }
          String value;
          if (!rest.isEmpty() || cluster.substring(j + 1).startsWith("=")) {
            value = rest;
          } else if (i + 1 < args.size()) {
            value = args.get(++i);
          } else {
            throw new CliException("flag needs an argument: '" + c + "' in -" + cluster, 125);
          }
          out.add(canonicalNames.get(o) + "=" + value);
          break;
        }
      } else {
        out.add(a);
        positional = true;
      }
    }
    return new Scanned(out, help);
  }

  private static boolean parseBool(String value, OptionSpec o) {
    Boolean b = dev.ddlab.go.GoStrconv.parseBool(value);
    if (b == null) {
      throw new CliException(
          "invalid argument \""
              + value
              + "\" for \""
              + flagTitle(o)
              + "\" flag: strconv.ParseBool: parsing \""
              + value
              + "\": invalid syntax",
          125);
    }
    return b;
  }

  /** "-t, --time" or "--name", as pflag names a flag in errors. */
  static String flagTitle(OptionSpec o) {
    String shortName = null;
    String longName = null;
    for (String n : o.names()) {
      if (n.startsWith("--")) {
        longName = n;
      } else {
        shortName = n;
      }
    }
    return shortName == null ? longName : shortName + ", " + longName;
  }
}
