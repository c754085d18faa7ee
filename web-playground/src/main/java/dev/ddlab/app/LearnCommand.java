package dev.ddlab.app;

import dev.ddlab.grader.check.CheckEvaluator;
import dev.ddlab.grader.check.DockerGrammar;
import dev.ddlab.grader.cli.Sessions;
import dev.ddlab.grader.jshell.JShellChecks;
import dev.ddlab.grader.lab.Lab;
import dev.ddlab.grader.lab.LabCatalog;
import dev.ddlab.grader.learn.Tutor;
import java.io.BufferedReader;
import java.io.IOError;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jline.keymap.KeyMap;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ddlab learn [LAB]}: the terminal tutorial. Without LAB it lists the labs and asks which
 * one; then it shows the step, and every line goes either to the {@link Tutor} ({@code check},
 * {@code hint} …) or to the lab's simulated node. Progress is saved under {@code ~/.ddlab/}. With
 * stdin not a terminal (piped), it reads lines as they come, which is how it is tested.
 */
@Command(
    name = "learn",
    description = "Terminal tutorial: work through a lab step by step with checks and hints.",
    mixinStandardHelpOptions = true)
public final class LearnCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "LAB", description = "Lab id (see: ddlab labs list).")
  String labId;

  @Option(
      names = "--student",
      description = "Your student id, written into submissions (default: ${DEFAULT-VALUE}).")
  String student =
      System.getProperty("user.name", "student").replaceAll("[^\\p{L}\\p{N}._@+-]", "_");

  @Option(
      names = "--progress-dir",
      hidden = true,
      description = "Where progress is saved (default: ~/.ddlab/progress).")
  Path progressDir = Path.of(System.getProperty("user.home"), ".ddlab", "progress");

  InputStream in = System.in;
  OutputStream out = System.out;

  /** Where lines come from: JLine on a terminal, or plain lines from a pipe. */
  private interface Lines {
    /** The next line, or null at end of input. */
    String read(String prompt);

    /** Ctrl-C was pressed (JLine only). */
    default boolean interrupted() {
      return false;
    }
  }

  @Override
  public Integer call() throws Exception {
    boolean interactive = in == System.in && System.console() != null;
    if (!interactive) {
      PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return session(
          w,
          () -> 80,
          () -> null, // piped: the session keeps its 80 columns of 24 rows
          prompt -> {
            w.print(prompt);
            w.flush();
            try {
              String line = r.readLine();
              if (line != null) {
                w.println(line);
              }
              return line;
            } catch (IOException e) {
              return null;
            }
          });
    }
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      return on(terminal);
    }
  }

  /**
   * The tutorial on a JLine terminal: the line editor, Ctrl-C and Docker's detach keys, prose
   * wrapped to the terminal's width, and the session's terminal given this terminal's size before
   * each line (its resizes too), as {@code ddlab shell} does: {@code stty size}, {@code tput cols},
   * {@code $COLUMNS} and the ConsoleSize of new containers follow the user's terminal.
   */
  int on(Terminal terminal) {
    LineReader reader =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("ddlab-learn")
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .build();
    // Ctrl-P Ctrl-Q: Docker's detach keys, typed as the script form the tutor understands
    reader
        .getWidgets()
        .put(
            "ddlab-detach",
            () -> {
              reader.getBuffer().clear();
              reader.getBuffer().write("^P^Q");
              reader.callWidget(LineReader.ACCEPT_LINE);
              return true;
            });
    reader
        .getKeyMaps()
        .get(LineReader.MAIN)
        .bind(new Reference("ddlab-detach"), KeyMap.ctrl('P') + KeyMap.ctrl('Q'));
    boolean[] interrupted = {false};
    return session(
        terminal.writer(),
        () -> terminal.getWidth() > 0 ? terminal.getWidth() : 80,
        terminal::getSize,
        new Lines() {
          @Override
          public String read(String prompt) {
            interrupted[0] = false;
            while (true) {
              try {
                return reader.readLine(prompt);
              } catch (UserInterruptException e) {
                interrupted[0] = true;
                return "";
              } catch (EndOfFileException | IOError e) {
                return null;
              }
            }
          }

          @Override
          public boolean interrupted() {
            return interrupted[0];
          }
        });
  }

  private int session(
      PrintWriter w,
      java.util.function.IntSupplier width,
      java.util.function.Supplier<Size> size,
      Lines lines) {
    Optional<Lab> lab = labId != null ? LabCatalog.builtIn().find(labId) : choose(lines, w);
    if (lab.isEmpty()) {
      if (labId != null) {
        spec.commandLine()
            .getErr()
            .println("ddlab: no lab \"" + labId + "\" (see: ddlab labs list)");
        return 1;
      }
      return 0;
    }
    try (JShellChecks java = new JShellChecks();
        Tutor tutor =
            new Tutor(
                lab.get(),
                Sessions.simulated(),
                new CheckEvaluator(new DockerGrammar(), java),
                progressDir,
                student)) {
      print(w, TextWrap.prose(tutor.start(), width.getAsInt()));
      Size told = null;
      while (true) {
        String line = lines.read(tutor.prompt());
        Size now = size.get();
        if (now != null && now.getColumns() > 1 && now.getRows() > 1 && !now.equals(told)) {
          // only a size the terminal knows (a dumb terminal's 0 x 0 is not one)
          told = new Size(now.getColumns(), now.getRows());
          tutor.run().session().resize(tutor.node(), told.getColumns(), told.getRows());
        }
        if (line == null) {
          w.println();
          w.println(
              tutor.finished()
                  ? "Tạm biệt!"
                  : "Tiến độ đã được lưu; gõ `ddlab learn " + lab.get().id() + "` để làm tiếp.");
          w.flush();
          return 0;
        }
        if (lines.interrupted()) {
          print(w, tutor.run().session().interrupt(tutor.node()).output());
          continue;
        }
        String reply = tutor.handle(line);
        // the tutor's own answers are prose, wrapped to the terminal; a command's output is not
        print(w, Tutor.isTutorCommand(line) ? TextWrap.prose(reply, width.getAsInt()) : reply);
      }
    }
  }

  private static void print(PrintWriter w, String text) {
    if (text != null && !text.isEmpty()) {
      w.print(text);
      if (!text.endsWith("\n")) {
        w.println();
      }
    }
    w.flush();
  }

  private static Optional<Lab> choose(Lines lines, PrintWriter w) {
    List<Lab> labs = LabCatalog.builtIn().all();
    w.println("Các bài lab:");
    for (int i = 0; i < labs.size(); i++) {
      w.printf("  %2d. %-26s %s%n", i + 1, labs.get(i).id(), labs.get(i).title());
    }
    w.flush();
    while (true) {
      String answer = lines.read("Chọn bài (số hoặc id): ");
      if (answer == null) {
        return Optional.empty();
      }
      answer = answer.strip();
      if (answer.matches("\\d+")) {
        int n = Integer.parseInt(answer);
        if (n >= 1 && n <= labs.size()) {
          return Optional.of(labs.get(n - 1));
        }
      }
      Optional<Lab> byId = LabCatalog.builtIn().find(answer);
      if (byId.isPresent()) {
        return byId;
      }
      w.println("Không có bài \"" + answer + "\".");
      w.flush();
    }
  }
}
