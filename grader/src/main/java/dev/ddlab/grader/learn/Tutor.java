package dev.ddlab.grader.learn;

import dev.ddlab.grader.check.CheckEvaluator;
import dev.ddlab.grader.lab.Lab;
import dev.ddlab.grader.lab.Step;
import dev.ddlab.grader.run.CheckResult;
import dev.ddlab.grader.run.LabRun;
import dev.ddlab.grader.run.SessionFactory;
import dev.ddlab.grader.run.Version;
import dev.ddlab.grader.submission.Signing;
import dev.ddlab.grader.submission.Submission;
import dev.ddlab.grader.submission.SubmissionCodec;
import dev.ddlab.session.TranscriptEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The terminal tutorial's logic, without a terminal: the learner types lines; {@code check}, {@code
 * hint}, {@code solution}, {@code next}, {@code back}, {@code reset}, {@code progress}, {@code
 * submit} and {@code help} are the tutor's, everything else goes to the simulated shell. Progress
 * (including the typed lines) is saved after every line, so a learner can stop and come back. All
 * text for the learner is Vietnamese.
 */
public final class Tutor implements AutoCloseable {
  public static final Set<String> COMMANDS =
      Set.of("check", "hint", "solution", "next", "back", "reset", "progress", "submit", "help");

  /** The installation's signing key, in the progress folder ({@code ~/.ddlab/…}). */
  public static final String INSTALLATION_KEY = "installation.key";

  private final Lab lab;
  private final SessionFactory sessions;
  private final CheckEvaluator evaluator;
  private final Path progressDir;
  private final String student;
  private LabRun run;
  private int step;
  private final TreeSet<Integer> passed = new TreeSet<>();
  private final List<Integer> hints = new ArrayList<>();
  private final List<Progress.ProgressLine> lines = new ArrayList<>();
  private boolean finished;

  public Tutor(
      Lab lab,
      SessionFactory sessions,
      CheckEvaluator evaluator,
      Path progressDir,
      String student) {
    this.lab = lab;
    this.sessions = sessions;
    this.evaluator = evaluator;
    this.progressDir = progressDir;
    this.student = student;
    for (int i = 0; i < lab.steps().size(); i++) {
      hints.add(0);
    }
  }

  /** Starts the lab, resuming saved progress when there is some; returns the text to show. */
  public String start() {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(lab.title()).append("\n\n");
    out.append(lab.section())
        .append("\n\n")
        .append(Prose.unwrap(lab.summary().strip()))
        .append("\n\n");
    out.append(
        "Gõ lệnh như trong một terminal bình thường. Lệnh của bài hướng dẫn: `check` (kiểm tra"
            + " bước), `hint` (gợi ý), `solution` (lời giải), `next`/`back` (chuyển bước),"
            + " `progress` (tiến độ), `reset` (làm lại từ đầu), `submit` (xuất bài nộp), `help`.\n\n");
    Progress saved = Progress.load(progressDir, lab.id()).orElse(null);
    run = LabRun.start(lab, lab.seed(), sessions, evaluator);
    if (saved != null && saved.seed() == lab.seed()) {
      for (Progress.ProgressLine l : saved.lines()) {
        run.typeScript(l.line());
        lines.add(l);
      }
      step = Math.min(Math.max(0, saved.step()), lab.steps().size() - 1);
      passed.addAll(saved.passed());
      for (int i = 0; i < hints.size() && i < saved.hints().size(); i++) {
        hints.set(i, saved.hints().get(i));
      }
      out.append("(Đã khôi phục phiên trước: ")
          .append(lines.size())
          .append(" lệnh, ")
          .append(passed.size())
          .append("/")
          .append(lab.steps().size())
          .append(" bước đã đạt.)\n\n");
    }
    out.append(stepText());
    return out.toString();
  }

  public String node() {
    return run.scriptNode();
  }

  public String prompt() {
    return run.session().prompt(node());
  }

  public boolean finished() {
    return finished;
  }

  public LabRun run() {
    return run;
  }

  public int step() {
    return step;
  }

  /** Whether the line is one of the tutor's own commands (only at the start of a line, alone). */
  public static boolean isTutorCommand(String line) {
    String w = line.strip();
    int sp = w.indexOf(' ');
    return COMMANDS.contains(sp < 0 ? w : w.substring(0, sp))
        && (sp < 0 || w.startsWith("submit "));
  }

  /** Handles one line; returns what to print. */
  public String handle(String line) {
    if (isTutorCommand(line)) {
      String w = line.strip();
      String arg = w.contains(" ") ? w.substring(w.indexOf(' ') + 1).strip() : "";
      String reply =
          switch (w.contains(" ") ? w.substring(0, w.indexOf(' ')) : w) {
            case "check" -> check();
            case "hint" -> hint();
            case "solution" -> solution();
            case "next" -> move(1);
            case "back" -> move(-1);
            case "reset" -> reset();
            case "progress" -> progress();
            case "submit" -> submit(arg);
            default -> help();
          };
      save();
      return reply;
    }
    TranscriptEntry e = run.typeScript(line);
    lines.add(new Progress.ProgressLine(node(), line));
    save();
    return e == null ? "" : e.output();
  }

  private String stepText() {
    Step s = lab.steps().get(step);
    return "## Bước "
        + (step + 1)
        + "/"
        + lab.steps().size()
        + ": "
        + s.title()
        + (passed.contains(step) ? " ✔" : "")
        + "\n\n"
        + Prose.unwrap(s.text().strip())
        + "\n";
  }

  private String check() {
    List<CheckResult> results = run.check(step);
    if (LabRun.allPassed(results)) {
      passed.add(step);
      StringBuilder out = new StringBuilder("✔ Đạt! Bước " + (step + 1) + " hoàn thành.\n");
      if (passed.size() == lab.steps().size()) {
        finished = true;
        out.append("\n🎉 Bạn đã hoàn thành bài lab «")
            .append(lab.title())
            .append("». Gõ `submit` để xuất bài nộp.\n");
        return out.toString();
      }
      int next = nextUnpassed();
      if (next >= 0) {
        step = next;
        out.append('\n').append(stepText());
      }
      return out.toString();
    }
    StringBuilder out = new StringBuilder("✘ Chưa đạt:\n");
    for (CheckResult r : results) {
      if (!r.passed()) {
        out.append("  - ").append(r.reason()).append('\n');
      }
    }
    out.append("Gõ `hint` để xem gợi ý.\n");
    return out.toString();
  }

  private int nextUnpassed() {
    for (int i = 1; i <= lab.steps().size(); i++) {
      int k = (step + i) % lab.steps().size();
      if (!passed.contains(k)) {
        return k;
      }
    }
    return -1;
  }

  private String hint() {
    Step s = lab.steps().get(step);
    if (s.hints().isEmpty()) {
      return "Bước này không có gợi ý. Gõ `solution` để xem lời giải.\n";
    }
    int shown = Math.min(hints.get(step) + 1, s.hints().size());
    hints.set(step, shown);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < shown; i++) {
      out.append("💡 Gợi ý ")
          .append(i + 1)
          .append("/")
          .append(s.hints().size())
          .append(": ")
          .append(Prose.unwrap(s.hints().get(i)))
          .append('\n');
    }
    if (shown == s.hints().size()) {
      out.append("(Hết gợi ý. Gõ `solution` để xem lời giải.)\n");
    }
    return out.toString();
  }

  private String solution() {
    StringBuilder out = new StringBuilder("Lời giải của bước " + (step + 1) + ":\n");
    for (String l : lab.steps().get(step).solution()) {
      out.append("    ").append(l).append('\n');
    }
    return out.toString();
  }

  private String move(int delta) {
    int target = step + delta;
    if (target < 0 || target >= lab.steps().size()) {
      return delta > 0 ? "Đây là bước cuối cùng.\n" : "Đây là bước đầu tiên.\n";
    }
    step = target;
    return stepText();
  }

  private String reset() {
    run.close();
    run = LabRun.start(lab, lab.seed(), sessions, evaluator);
    step = 0;
    passed.clear();
    lines.clear();
    finished = false;
    for (int i = 0; i < hints.size(); i++) {
      hints.set(i, 0);
    }
    return "Đã làm lại từ đầu với một node mới.\n\n" + stepText();
  }

  public String progress() {
    StringBuilder out =
        new StringBuilder("Tiến độ: " + passed.size() + "/" + lab.steps().size() + " bước\n");
    for (int i = 0; i < lab.steps().size(); i++) {
      out.append(passed.contains(i) ? "  ✔ " : "  · ")
          .append(i + 1)
          .append(". ")
          .append(lab.steps().get(i).title())
          .append(i == step ? "  ← đang làm" : "")
          .append('\n');
    }
    return out.toString();
  }

  /** The learner's submission (what "Nộp bài" downloads in the playground). */
  public Submission submission() {
    return run.submission(student, Version.current());
  }

  private String submit(String arg) {
    Path file =
        arg.isEmpty()
            ? progressDir.resolve(lab.id() + "-" + student + ".submission.json")
            : Path.of(arg);
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      KeyPair key = Signing.loadOrCreate(progressDir.resolve(INSTALLATION_KEY));
      Files.writeString(
          file, SubmissionCodec.write(Signing.sign(submission(), key)), StandardCharsets.UTF_8);
      return "Đã ghi bài nộp vào "
          + file
          + " — gửi tệp này cho giảng viên.\nBài được ký bằng khoá của máy này ("
          + Signing.keyId(Signing.publicKeyText(key.getPublic()))
          + "); hãy nộp mọi bài từ cùng một máy.\n";
    } catch (IOException e) {
      return "Không ghi được bài nộp: " + e.getMessage() + "\n";
    }
  }

  private String help() {
    return """
        Lệnh của bài hướng dẫn:
          check          kiểm tra bước hiện tại
          hint           hiện thêm một gợi ý
          solution       xem lời giải của bước
          next, back     sang bước sau / về bước trước
          progress       xem các bước đã đạt
          reset          làm lại từ đầu với một node mới
          submit [TỆP]   xuất bài nộp (JSON) để nộp cho giảng viên
        Mọi dòng khác được gõ vào terminal của node.
        """;
  }

  private void save() {
    try {
      new Progress(
              lab.id(),
              lab.seed(),
              step,
              List.copyOf(passed),
              List.copyOf(hints),
              List.copyOf(lines))
          .save(progressDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (run != null) {
      run.close();
    }
  }
}
