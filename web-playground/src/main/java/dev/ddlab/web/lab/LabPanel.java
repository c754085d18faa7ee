package dev.ddlab.web.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.events.SimEvent;
import dev.ddlab.grader.check.CheckEvaluator;
import dev.ddlab.grader.check.DockerGrammar;
import dev.ddlab.grader.jshell.JShellChecks;
import dev.ddlab.grader.lab.CheckSpec;
import dev.ddlab.grader.lab.Lab;
import dev.ddlab.grader.lab.LabCatalog;
import dev.ddlab.grader.lab.Step;
import dev.ddlab.grader.report.Markdown;
import dev.ddlab.grader.run.CheckResult;
import dev.ddlab.grader.run.LabRun;
import dev.ddlab.grader.run.Version;
import dev.ddlab.grader.submission.SubmissionCodec;
import dev.ddlab.session.Session;
import dev.ddlab.web.panel.Panel;
import dev.ddlab.web.panel.PanelContext;
import dev.ddlab.web.panel.PanelModel;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.WeakHashMap;

/**
 * The lab panel beside the terminals: pick a lab, read its steps, "Kiểm tra" a step against the
 * session's state (the same {@link LabRun#check} as the grader and {@code ddlab learn}), reveal
 * hints one by one, see progress, and "Nộp bài" to download the submission file. The lab stays
 * attached to the session when the learner switches to another panel.
 */
public final class LabPanel implements Panel {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** The lab attached to each session (the session view is stable per playground session). */
  private static final Map<Session, Attached> ATTACHED =
      Collections.synchronizedMap(new WeakHashMap<>());

  private static JShellChecks javaChecks;

  private static synchronized JShellChecks javaChecks() {
    if (javaChecks == null) {
      javaChecks = new JShellChecks();
    }
    return javaChecks;
  }

  /** A lab in progress in one session. */
  static final class Attached {
    final LabRun run;
    final TreeSet<Integer> passed = new TreeSet<>();

    Attached(LabRun run) {
      this.run = run;
    }
  }

  @Override
  public String id() {
    return "lab";
  }

  @Override
  public String title() {
    return "Bài lab";
  }

  @Override
  public int order() {
    return 60;
  }

  @Override
  public PanelModel open(PanelContext context) {
    return new Model(context.session());
  }

  static final class Model implements PanelModel {
    private final Session session;

    Model(Session session) {
      this.session = session;
    }

    @Override
    public boolean affectedBy(SimEvent event) {
      return false;
    }

    @Override
    public void refresh() {}

    @Override
    public JsonNode snapshot() {
      return state();
    }

    private ObjectNode state() {
      ObjectNode out = JSON.objectNode();
      ArrayNode labs = out.putArray("labs");
      for (Lab l : LabCatalog.builtIn().all()) {
        labs.addObject()
            .put("id", l.id())
            .put("title", l.title())
            .put("section", l.section())
            .put("steps", l.steps().size());
      }
      Attached a = ATTACHED.get(session);
      if (a != null) {
        out.set("active", view(a));
      }
      return out;
    }

    private static ObjectNode view(Attached a) {
      Lab lab = a.run.lab();
      ObjectNode v = JSON.objectNode();
      v.put("id", lab.id()).put("title", lab.title()).put("section", lab.section());
      v.put("summary", lab.summary().strip());
      ArrayNode steps = v.putArray("steps");
      for (int i = 0; i < lab.steps().size(); i++) {
        Step s = lab.steps().get(i);
        ObjectNode step =
            steps
                .addObject()
                .put("title", s.title())
                .put("html", Markdown.block(s.text()))
                .put("hints", s.hints().size())
                .put("passed", a.passed.contains(i));
        ArrayNode checks = step.putArray("checks");
        for (CheckSpec c : s.checks()) {
          checks.add(Markdown.inline(c.label()));
        }
      }
      return v;
    }

    @Override
    public JsonNode request(JsonNode args) {
      String op = args.path("op").asText();
      Attached a = ATTACHED.get(session);
      return switch (op) {
        case "start" -> start(args.path("lab").asText(), a);
        case "stop" -> {
          ATTACHED.remove(session);
          yield state();
        }
        case "check" ->
            a == null ? error("Chưa chọn bài lab.") : check(a, args.path("step").asInt());
        case "hint" ->
            a == null
                ? error("Chưa chọn bài lab.")
                : hint(a, args.path("step").asInt(), args.path("n").asInt());
        case "submit" ->
            a == null ? error("Chưa chọn bài lab.") : submit(a, args.path("student").asText());
        default -> state();
      };
    }

    private JsonNode start(String id, Attached current) {
      Optional<Lab> lab = LabCatalog.builtIn().find(id);
      if (lab.isEmpty()) {
        return error("Không có bài lab \"" + id + "\".");
      }
      if (current != null && current.run.lab().id().equals(id)) {
        return state();
      }
      if (current != null || !session.transcript().isEmpty()) {
        return error(
            "Phiên này đã có lệnh được gõ, nên bài nộp sẽ không chạy lại được. Hãy kết thúc phiên,"
                + " mở một phiên mới rồi chọn lại bài lab.");
      }
      if (!session.template().equals(lab.get().template())) {
        return error("Bài lab này cần phiên kiểu \"" + lab.get().template() + "\".");
      }
      LabRun run =
          LabRun.attach(lab.get(), session, new CheckEvaluator(new DockerGrammar(), javaChecks()));
      ATTACHED.put(session, new Attached(run));
      return state();
    }

    private static JsonNode check(Attached a, int step) {
      if (step < 0 || step >= a.run.lab().steps().size()) {
        return error("Không có bước này.");
      }
      List<CheckResult> results = a.run.check(step);
      boolean ok = LabRun.allPassed(results);
      if (ok) {
        a.passed.add(step);
      }
      ObjectNode out = JSON.objectNode().put("step", step).put("passed", ok);
      ArrayNode reasons = out.putArray("reasons");
      results.stream().filter(r -> !r.passed()).forEach(r -> reasons.add(r.reason()));
      ArrayNode checks = out.putArray("checks");
      for (CheckResult r : results) {
        checks
            .addObject()
            .put("label", Markdown.inline(r.label()))
            .put("passed", r.passed())
            .put("reason", r.passed() ? "" : Markdown.inline(r.reason()));
      }
      out.put("done", a.passed.size()).put("total", a.run.lab().steps().size());
      return out;
    }

    private static JsonNode hint(Attached a, int step, int n) {
      if (step < 0 || step >= a.run.lab().steps().size()) {
        return error("Không có bước này.");
      }
      List<String> hints = a.run.lab().steps().get(step).hints();
      ArrayNode shown = JSON.arrayNode();
      for (int i = 0; i < Math.min(Math.max(1, n), hints.size()); i++) {
        shown.add(Markdown.inline(hints.get(i)));
      }
      return JSON.objectNode().put("step", step).put("total", hints.size()).set("hints", shown);
    }

    private static JsonNode submit(Attached a, String student) {
      if (student.isBlank()) {
        return error(
            "Hãy nhập mã học viên của bạn (ví dụ sv01) vào ô bên cạnh nút Nộp bài, rồi bấm lại.");
      }
      if (!student.matches("[\\p{L}\\p{N}._@+-]{1,64}")) {
        return error("Mã học viên chỉ gồm chữ, số và . _ @ + - (tối đa 64 ký tự).");
      }
      String json = SubmissionCodec.write(a.run.submission(student, Version.current()));
      return JSON.objectNode()
          .put("filename", a.run.lab().id() + "-" + student + ".json")
          .put("content", json);
    }

    private static JsonNode error(String message) {
      return JSON.objectNode().put("error", message);
    }
  }
}
