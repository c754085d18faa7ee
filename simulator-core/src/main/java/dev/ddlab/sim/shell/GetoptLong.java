package dev.ddlab.sim.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * getopt_long(3) over a program's arguments, permuting as glibc and musl do (options may follow
 * operands, {@code --} ends them): short options bundled or with their value attached or next, long
 * options with {@code =VALUE} or the next word. Its complaint in the C library's words: glibc's
 * ({@code invalid option -- 'x'}, {@code unrecognized option '--x'}, {@code option requires an
 * argument -- 'x'}) or musl's, under busybox in Alpine ({@code unrecognized option: x}, {@code
 * option requires an argument: x}).
 */
final class GetoptLong {
  private GetoptLong() {}

  /**
   * The options in the order given (a flag's value is ""), the operands, and the complaint (without
   * the program's name), null when there was none.
   */
  record Result(Map<Character, String> opts, List<String> operands, String error) {
    boolean has(char c) {
      return opts.containsKey(c);
    }
  }

  static Result parse(
      List<String> args,
      String withValue,
      String flags,
      Map<String, Character> longs,
      boolean musl) {
    Map<Character, String> opts = new LinkedHashMap<>();
    List<String> operands = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        operands.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (!a.startsWith("-") || a.length() == 1) {
        operands.add(a);
        continue;
      }
      if (a.startsWith("--")) {
        int eq = a.indexOf('=');
        String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
        Character o = longs.get(name);
        if (o == null) {
          return fail(musl ? "unrecognized option: " + name : "unrecognized option '" + a + "'");
        }
        if (withValue.indexOf(o) < 0) {
          opts.put(o, "");
        } else if (eq >= 0) {
          opts.put(o, a.substring(eq + 1));
        } else if (i + 1 < args.size()) {
          opts.put(o, args.get(++i));
        } else {
          return fail(
              musl
                  ? "option requires an argument: " + name
                  : "option '" + a + "' requires an argument");
        }
        continue;
      }
      for (int k = 1; k < a.length(); k++) {
        char o = a.charAt(k);
        if (withValue.indexOf(o) >= 0) {
          if (k + 1 < a.length()) {
            opts.put(o, a.substring(k + 1));
          } else if (i + 1 < args.size()) {
            opts.put(o, args.get(++i));
          } else {
            return fail(
                musl
                    ? "option requires an argument: " + o
                    : "option requires an argument -- '" + o + "'");
          }
          break;
        }
        if (flags.indexOf(o) < 0) {
          return fail(musl ? "unrecognized option: " + o : "invalid option -- '" + o + "'");
        }
        opts.put(o, "");
      }
    }
    return new Result(opts, operands, null);
  }

  private static Result fail(String error) {
    return new Result(Map.of(), List.of(), error);
  }
}
