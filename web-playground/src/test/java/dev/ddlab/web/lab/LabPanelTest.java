package dev.ddlab.web.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddlab.grader.check.CheckEvaluator;
import dev.ddlab.grader.check.DockerGrammar;
import dev.ddlab.grader.cli.Sessions;
import dev.ddlab.grader.lab.Lab;
import dev.ddlab.grader.lab.LabCatalog;
import dev.ddlab.grader.run.GradeResult;
import dev.ddlab.grader.run.Grader;
import dev.ddlab.grader.submission.Submission;
import dev.ddlab.grader.submission.SubmissionCodec;
import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabPanelTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode ask(LabPanel.Model m, Map<String, Object> args) {
    return m.request(JSON.valueToTree(args));
  }

  @Test
  void
      a_learner_starts_a_lab_checks_steps_with_reasons_and_downloads_a_submission_that_grades_full()
          throws Exception {
    Lab lab = LabCatalog.builtIn().find("p2-containers-webserver").orElseThrow();
    try (SimSession session = SimSession.open("single", 77)) {
      LabPanel.Model m = new LabPanel.Model(session);
      assertTrue(ask(m, Map.of("op", "state")).path("labs").size() >= 8);
      JsonNode started = ask(m, Map.of("op", "start", "lab", lab.id()));
      assertEquals(lab.title(), started.path("active").path("title").asText());
      assertTrue(
          started.path("active").path("steps").get(0).path("html").asText().contains("<code>"));

      JsonNode notYet = ask(m, Map.of("op", "check", "step", 0));
      assertFalse(notYet.path("passed").asBoolean());
      assertEquals(
          lab.steps().get(0).checks().get(0).fail(), notYet.path("reasons").get(0).asText());
      assertEquals(1, ask(m, Map.of("op", "hint", "step", 0, "n", 1)).path("hints").size());
      assertEquals(2, ask(m, Map.of("op", "hint", "step", 0, "n", 2)).path("hints").size());

      ScriptRunner typing = new ScriptRunner(session);
      for (int i = 0; i < lab.steps().size(); i++) {
        lab.steps().get(i).solution().forEach(typing::line);
        JsonNode r = ask(m, Map.of("op", "check", "step", i));
        assertTrue(r.path("passed").asBoolean(), r.toString());
      }
      assertEquals(
          lab.steps().size(), ask(m, Map.of("op", "check", "step", 0)).path("done").asInt());

      assertTrue(ask(m, Map.of("op", "submit", "student", "../x")).has("error"));
      JsonNode sub = ask(m, Map.of("op", "submit", "student", "sv07"));
      assertEquals("p2-containers-webserver-sv07.json", sub.path("filename").asText());
      Submission s =
          SubmissionCodec.parse(sub.path("content").asText().getBytes(StandardCharsets.UTF_8));
      GradeResult g =
          new Grader(
                  LabCatalog.builtIn(),
                  Sessions.simulated(),
                  new CheckEvaluator(new DockerGrammar(), null))
              .grade(sub.path("filename").asText(), s);
      assertEquals(g.maxScore(), g.score());
      assertFalse(g.flagged(), g.divergences().toString());

      // the lab stays attached when the panel is reopened
      assertEquals(
          lab.id(), new LabPanel.Model(session).snapshot().path("active").path("id").asText());
    }
  }

  @Test
  void a_used_session_cannot_start_a_lab() {
    try (SimSession session = SimSession.open("single", 78)) {
      session.type("node1", "docker ps");
      JsonNode r = ask(new LabPanel.Model(session), Map.of("op", "start", "lab", "p2-engine"));
      assertTrue(r.path("error").asText().contains("phiên mới"), r.toString());
    }
  }
}
