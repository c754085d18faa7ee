package dev.ddlab.sim.shell;

import dev.ddlab.fs.FsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * tee: copies its input to standard output and to each FILE, truncated first unless {@code -a}
 * ({@code --append}); {@code -i} and {@code -p} are accepted. A file it cannot write is named in
 * the tool's words ({@code tee: /x/y: No such file or directory}), the others are still written and
 * the status is 1. Over an open pipe ({@link ToolInput}) each run of lines appends after the first
 * run opened the files ({@link Opened}), so {@code docker logs -f web | tee web.log} writes as
 * lines come. Checked against GNU coreutils 9.1 here and busybox on the private dockerd.
 */
final class Tee {
  private Tee() {}

  /** The files a tee over an open pipe has opened (truncated) already, and those that failed. */
  static final class Opened {
    private final Set<String> opened = new HashSet<>();
    private final Set<String> failed = new HashSet<>();
  }

  static int run(ToolContext ctx, List<String> args) {
    boolean append = false;
    List<String> files = new ArrayList<>();
    boolean options = true;
    for (String a : args) {
      if (options && a.equals("--")) {
        options = false;
      } else if (options && (a.equals("--append"))) {
        append = true;
      } else if (options && (a.equals("--ignore-interrupts") || a.startsWith("--output-error"))) {
        continue;
      } else if (options && a.startsWith("-") && a.length() > 1 && !a.startsWith("--")) {
        for (char c : a.substring(1).toCharArray()) {
          switch (c) {
            case 'a' -> append = true;
            case 'i', 'p' -> {}
            default -> {
              return FileTools.badOption(ctx, String.valueOf(c));
            }
          }
        }
      } else if (options && a.startsWith("--")) {
        return FileTools.badOption(ctx, a);
      } else {
        files.add(a);
      }
    }
    Stdin in = ctx.io().in();
    String text = in == null ? "" : in.rest();
    Opened opened = in == null ? null : in.carried(Opened.class);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int status = 0;
    for (String f : files) {
      if (opened != null && opened.failed.contains(f)) {
        status = 1; // reported when the first run could not open it
        continue;
      }
      boolean first = opened == null || opened.opened.add(f);
      try {
        ctx.fs().write(FileTools.path(ctx, f), bytes, append || !first);
      } catch (FsException e) {
        ctx.io().errln("tee: " + f + ": " + e.getMessage());
        if (opened != null) {
          opened.failed.add(f);
        }
        status = 1;
      }
    }
    if (!text.isEmpty()) {
      ctx.io().out().accept(text);
    }
    return status;
  }
}
