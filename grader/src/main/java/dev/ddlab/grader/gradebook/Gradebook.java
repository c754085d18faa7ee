package dev.ddlab.grader.gradebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.ddlab.grader.run.CheckResult;
import dev.ddlab.grader.run.GradeResult;
import dev.ddlab.grader.run.StepResult;
import dev.ddlab.grader.submission.Authorship;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The class gradebook in SQLite, in nbgrader's spirit: students, labs, one submission per student
 * and lab, a grade per check with the automatic score, an optional manual score that overrides it,
 * and comments (automatic and manual), plus extra credit per submission.
 *
 * <p>Recording a graded submission is one transaction that touches only that student's rows for
 * that lab. Automatic scores and comments are replaced; manual scores, manual comments and extra
 * credit survive a regrade. Recording the same result twice changes nothing: rows are only written
 * when a value differs, so {@link #changes()} stays put.
 *
 * <p>Crash safety: the database runs in WAL mode with {@code synchronous=FULL}, so a transaction is
 * on disk when {@link #record} returns, and a process killed at any moment (even {@code kill -9}
 * during a commit) leaves the last committed state, never a half-written submission or a corrupt
 * file (the next open rolls the WAL forward). {@code ddlab grade} prints a grade only after its
 * transaction committed (tested by {@code GradebookCrashTest}).
 */
public final class Gradebook implements AutoCloseable {
  private final Connection db;

  public Gradebook(Path file) throws SQLException {
    db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = db.createStatement()) {
      s.execute("PRAGMA busy_timeout = 10000");
      s.execute("PRAGMA journal_mode = WAL");
      s.execute("PRAGMA synchronous = FULL");
      s.execute("PRAGMA foreign_keys = ON");
      s.execute("CREATE TABLE IF NOT EXISTS student (id TEXT PRIMARY KEY)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS lab (id TEXT PRIMARY KEY, title TEXT NOT NULL, max_score INTEGER NOT NULL)");
      s.execute(
          """
          CREATE TABLE IF NOT EXISTS submission (
            student_id TEXT NOT NULL REFERENCES student(id),
            lab_id TEXT NOT NULL REFERENCES lab(id),
            file TEXT NOT NULL,
            seed INTEGER NOT NULL,
            flagged INTEGER NOT NULL,
            divergences TEXT NOT NULL,
            extra_credit REAL NOT NULL DEFAULT 0,
            PRIMARY KEY (student_id, lab_id))""");
      s.execute(
          """
          CREATE TABLE IF NOT EXISTS grade (
            student_id TEXT NOT NULL,
            lab_id TEXT NOT NULL,
            check_id TEXT NOT NULL,
            step INTEGER NOT NULL,
            label TEXT NOT NULL,
            max_score REAL NOT NULL,
            auto_score REAL NOT NULL,
            manual_score REAL,
            auto_comment TEXT NOT NULL,
            manual_comment TEXT,
            PRIMARY KEY (student_id, lab_id, check_id),
            FOREIGN KEY (student_id, lab_id) REFERENCES submission(student_id, lab_id))""");
      s.execute(
          "CREATE TABLE IF NOT EXISTS student_key (student_id TEXT PRIMARY KEY REFERENCES"
              + " student(id), key_id TEXT NOT NULL UNIQUE, first_file TEXT NOT NULL)");
    }
    db.setAutoCommit(false);
    db.commit();
  }

  /**
   * Installation keys registered so far, student → key fingerprint: the first key that signed for a
   * student (see {@code KeyRing}).
   */
  public Map<String, String> studentKeys() throws SQLException {
    Map<String, String> keys = new LinkedHashMap<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT student_id, key_id FROM student_key")) {
      while (rs.next()) {
        keys.put(rs.getString(1), rs.getString(2));
      }
    }
    return keys;
  }

  /** SQLite's own check of the file: "ok" when the database is sound. */
  public String integrityCheck() throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      List<String> lines = new ArrayList<>();
      while (rs.next()) {
        lines.add(rs.getString(1));
      }
      return String.join("\n", lines);
    }
  }

  /** Total rows written (SQLite's total_changes): unchanged by an idempotent re-run. */
  public int changes() throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT total_changes()")) {
      return rs.getInt(1);
    }
  }

  /**
   * Records one graded submission atomically; results that were not graded are refused. Returns
   * whether any row changed (false when the same result was recorded before).
   */
  public boolean record(GradeResult r) throws SQLException {
    if (!r.graded()) {
      throw new IllegalArgumentException("not graded: " + r.error());
    }
    int before = changes();
    try {
      exec("INSERT OR IGNORE INTO student(id) VALUES (?)", r.student());
      exec(
          "INSERT INTO lab(id, title, max_score) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
              + " title = excluded.title, max_score = excluded.max_score"
              + " WHERE title IS NOT excluded.title OR max_score IS NOT excluded.max_score",
          r.lab(),
          r.labTitle() == null ? r.lab() : r.labTitle(),
          r.maxScore());
      String divergences = divergencesJson(r);
      Authorship a = r.authorship();
      if (a.owner() != null && !a.suspect()) {
        exec(
            "INSERT OR IGNORE INTO student_key(student_id, key_id, first_file) VALUES (?, ?, ?)",
            r.student(),
            a.keyId(),
            r.source());
      }
      exec(
          "INSERT INTO submission(student_id, lab_id, file, seed, flagged, divergences)"
              + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(student_id, lab_id) DO UPDATE SET"
              + " file = excluded.file, seed = excluded.seed, flagged = excluded.flagged,"
              + " divergences = excluded.divergences"
              + " WHERE file IS NOT excluded.file OR seed IS NOT excluded.seed"
              + " OR flagged IS NOT excluded.flagged OR divergences IS NOT excluded.divergences",
          r.student(),
          r.lab(),
          r.source(),
          r.seed(),
          r.flagged() ? 1 : 0,
          divergences);
      List<String> ids = new ArrayList<>();
      for (StepResult s : r.steps()) {
        for (int i = 0; i < s.checks().size(); i++) {
          CheckResult c = s.checks().get(i);
          String id = "s" + s.number() + ".c" + (i + 1);
          ids.add(id);
          String comment = c.passed() ? "" : c.reason();
          exec(
              "INSERT INTO grade(student_id, lab_id, check_id, step, label, max_score, auto_score,"
                  + " auto_comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                  + " ON CONFLICT(student_id, lab_id, check_id) DO UPDATE SET"
                  + " step = excluded.step, label = excluded.label, max_score = excluded.max_score,"
                  + " auto_score = excluded.auto_score, auto_comment = excluded.auto_comment"
                  + " WHERE step IS NOT excluded.step OR label IS NOT excluded.label"
                  + " OR max_score IS NOT excluded.max_score OR auto_score IS NOT excluded.auto_score"
                  + " OR auto_comment IS NOT excluded.auto_comment",
              r.student(),
              r.lab(),
              id,
              s.number(),
              c.label(),
              c.maxPoints(),
              c.points(),
              comment);
        }
      }
      // checks the lab no longer has
      try (PreparedStatement ps =
          db.prepareStatement("SELECT check_id FROM grade WHERE student_id = ? AND lab_id = ?")) {
        ps.setString(1, r.student());
        ps.setString(2, r.lab());
        List<String> stale = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (!ids.contains(rs.getString(1))) {
              stale.add(rs.getString(1));
            }
          }
        }
        for (String id : stale) {
          exec(
              "DELETE FROM grade WHERE student_id = ? AND lab_id = ? AND check_id = ?",
              r.student(),
              r.lab(),
              id);
        }
      }
      db.commit();
      return changes() != before;
    } catch (SQLException | RuntimeException e) {
      db.rollback();
      throw e;
    }
  }

  /** A manual score for one check (null clears it), overriding the automatic one. */
  public void setManualScore(String student, String lab, String checkId, Double score)
      throws SQLException {
    update(
        "UPDATE grade SET manual_score = ? WHERE student_id = ? AND lab_id = ? AND check_id = ?",
        score,
        student,
        lab,
        checkId);
  }

  public void setManualComment(String student, String lab, String checkId, String comment)
      throws SQLException {
    update(
        "UPDATE grade SET manual_comment = ? WHERE student_id = ? AND lab_id = ? AND check_id = ?",
        comment,
        student,
        lab,
        checkId);
  }

  public void setExtraCredit(String student, String lab, double points) throws SQLException {
    update(
        "UPDATE submission SET extra_credit = ? WHERE student_id = ? AND lab_id = ?",
        points,
        student,
        lab);
  }

  private void update(String sql, Object... args) throws SQLException {
    try {
      int n = exec(sql, args);
      if (n != 1) {
        throw new IllegalArgumentException(
            "no such grade in the gradebook: " + List.of(args).subList(1, args.length));
      }
      db.commit();
    } catch (SQLException | RuntimeException e) {
      db.rollback();
      throw e;
    }
  }

  /** One row per student and lab. */
  public record Row(
      String student,
      String lab,
      double autoScore,
      double score,
      double extraCredit,
      double total,
      double maxScore,
      boolean flagged,
      boolean manuallyGraded) {}

  public List<Row> rows() throws SQLException {
    List<Row> out = new ArrayList<>();
    String sql =
        """
        SELECT s.student_id, s.lab_id,
               COALESCE(SUM(g.auto_score), 0),
               COALESCE(SUM(COALESCE(g.manual_score, g.auto_score)), 0),
               s.extra_credit, COALESCE(SUM(g.max_score), 0), s.flagged,
               COALESCE(SUM(g.manual_score IS NOT NULL), 0)
        FROM submission s LEFT JOIN grade g
          ON g.student_id = s.student_id AND g.lab_id = s.lab_id
        GROUP BY s.student_id, s.lab_id
        ORDER BY s.student_id, s.lab_id""";
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        double score = rs.getDouble(4);
        double extra = rs.getDouble(5);
        out.add(
            new Row(
                rs.getString(1),
                rs.getString(2),
                rs.getDouble(3),
                score,
                extra,
                score + extra,
                rs.getDouble(6),
                rs.getInt(7) != 0,
                rs.getInt(8) > 0));
      }
    }
    return out;
  }

  /** The gradebook as CSV with a header, one row per student and lab. */
  public String exportCsv() throws SQLException {
    CsvSchema schema =
        CsvSchema.builder()
            .setUseHeader(true)
            .addColumn("student")
            .addColumn("lab")
            .addColumn("auto_score")
            .addColumn("score")
            .addColumn("extra_credit")
            .addColumn("total")
            .addColumn("max_score")
            .addColumn("flagged")
            .addColumn("manually_graded")
            .build();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Row r : rows()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("student", r.student());
      m.put("lab", r.lab());
      m.put("auto_score", num(r.autoScore()));
      m.put("score", num(r.score()));
      m.put("extra_credit", num(r.extraCredit()));
      m.put("total", num(r.total()));
      m.put("max_score", num(r.maxScore()));
      m.put("flagged", r.flagged() ? "yes" : "no");
      m.put("manually_graded", r.manuallyGraded() ? "yes" : "no");
      rows.add(m);
    }
    try {
      return new CsvMapper().writer(schema).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String num(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  private int exec(String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    }
  }

  private static String divergencesJson(GradeResult r) {
    try {
      return new ObjectMapper()
          .writeValueAsString(r.divergences().stream().map(d -> d.entry()).toList());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws SQLException {
    db.close();
  }
}
