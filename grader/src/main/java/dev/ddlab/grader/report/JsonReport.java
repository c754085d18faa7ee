package dev.ddlab.grader.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ddlab.grader.run.GradeResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** grades.json: every result with its steps, checks and divergences. */
public final class JsonReport {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  public static String render(List<GradeResult> results) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", "ddlab-grades/1");
    doc.put(
        "results",
        results.stream()
            .map(
                r -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("file", r.source());
                  m.put("student", r.student());
                  m.put("lab", r.lab());
                  m.put("score", r.score());
                  m.put("maxScore", r.maxScore());
                  m.put("flagged", r.flagged());
                  m.put("flagReasons", r.flagReasons());
                  m.put(
                      "authorship",
                      java.util.Map.of(
                          "kind", r.authorship().kind().name().toLowerCase(java.util.Locale.ROOT),
                          "keyId", String.valueOf(r.authorship().keyId()),
                          "note", r.authorship().note()));
                  m.put("error", r.error());
                  m.put("steps", r.steps());
                  m.put("divergences", r.divergences());
                  return m;
                })
            .toList());
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
