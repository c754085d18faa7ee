package dev.ddlab.sim.shell;

import dev.ddlab.fs.FsException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * {@code tail -f FILE…}: the file's last lines as {@code tail} prints them, then what is appended
 * to it as virtual time passes, checked every {@link #POLL} (GNU tail's interval without inotify,
 * busybox's), until Ctrl-C (130) or a signal ends it. With several files a {@code ==> NAME <==}
 * header comes before each file's output when the file changes, as GNU tail prints it; a file that
 * shrank is read again from its start after {@code tail: NAME: file truncated}. Without a file (a
 * pipe) {@code -f} changes nothing, as GNU tail ignores it when following a pipe.
 */
final class TailFollow implements Tool {
  /** How often the files are looked at. */
  static final Duration POLL = Duration.ofSeconds(1);

  private final Tool tail;

  TailFollow(Tool tail) {
    this.tail = tail;
  }

  @Override
  public int run(ToolContext ctx, List<String> args) {
    return tail.run(ctx, args);
  }

  @Override
  public boolean readsStdin(List<String> args) {
    return tail.readsStdin(args);
  }

  @Override
  public void run(ToolContext ctx, List<String> args, IntConsumer done) {
    List<String> files = files(args);
    if (!(args.contains("-f") || args.contains("--follow")) || files.isEmpty()) {
      tail.run(ctx, args, done);
      return;
    }
    List<String> rest = new ArrayList<>(args);
    rest.removeIf(a -> a.equals("-f") || a.equals("--follow"));
    int status = tail.run(ctx, rest);
    List<Followed> followed = new ArrayList<>();
    for (String f : files) {
      byte[] now = read(ctx, f);
      if (now != null) {
        followed.add(new Followed(f, now.length));
      }
    }
    if (followed.isEmpty()) {
      ctx.io().errln("tail: no files remaining");
      done.accept(1);
      return;
    }
    boolean[] stopped = {false};
    ctx.onInterrupt(() -> stopped[0] = true);
    String[] last = {files.get(files.size() - 1)};
    poll(ctx, followed, files.size() > 1, last, stopped, done, status);
  }

  /** A followed file and how many of its bytes were printed. */
  private static final class Followed {
    final String name;
    long printed;

    Followed(String name, long printed) {
      this.name = name;
      this.printed = printed;
    }
  }

  private static void poll(
      ToolContext ctx,
      List<Followed> followed,
      boolean headers,
      String[] last,
      boolean[] stopped,
      IntConsumer done,
      int status) {
    ctx.after(
        POLL,
        () -> {
          if (stopped[0]) {
            return;
          }
          for (Followed f : followed) {
            byte[] now = read(ctx, f.name);
            if (now == null) {
              continue; // gone: GNU tail -f keeps the descriptor it opened
            }
            if (now.length < f.printed) {
              ctx.io().errln("tail: " + f.name + ": file truncated");
              f.printed = 0;
            }
            if (now.length > f.printed) {
              if (headers && !f.name.equals(last[0])) {
                ctx.io().println("\n==> " + f.name + " <==");
                last[0] = f.name;
              }
              ctx.io()
                  .out()
                  .accept(
                      new String(
                          now,
                          (int) f.printed,
                          (int) (now.length - f.printed),
                          StandardCharsets.UTF_8));
              f.printed = now.length;
            }
          }
          poll(ctx, followed, headers, last, stopped, done, status);
        });
  }

  private static byte[] read(ToolContext ctx, String f) {
    try {
      return ctx.fs().read(FileTools.path(ctx, f));
    } catch (FsException e) {
      return null;
    }
  }

  /** The operands: not options, not an option's value ({@code -n 5}, {@code -c 10}). */
  private static List<String> files(List<String> args) {
    List<String> files = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-n") || a.equals("-c")) {
        i++;
      } else if (!a.startsWith("-") || a.equals("-")) {
        if (!a.equals("-")) {
          files.add(a);
        }
      }
    }
    return files;
  }
}
