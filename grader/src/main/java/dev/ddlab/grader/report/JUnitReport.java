package dev.ddlab.grader.report;

import dev.ddlab.grader.run.CheckResult;
import dev.ddlab.grader.run.GradeResult;
import dev.ddlab.grader.run.StepResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML as Surefire writes it ({@code TEST-<suite>.xml}): one test suite per submission named
 * {@code <lab>.<student>}, one test case per check with classname {@code <lab>.<student>.step<N>};
 * a failed check is a {@code <failure>} carrying the Vietnamese reason, a file that could not be
 * graded is one test case with an {@code <error>}; a flagged submission gets a {@code
 * <system-err>}.
 */
public final class JUnitReport {
  private JUnitReport() {}

  public static void write(List<GradeResult> results, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (GradeResult r : results) {
      Path file = dir.resolve("TEST-" + Reports.stem(r).replace("__", ".") + ".xml");
      try (OutputStream out = Files.newOutputStream(file)) {
        write(r, out);
      } catch (XMLStreamException e) {
        throw new IOException(e);
      }
    }
  }

  static void write(GradeResult r, OutputStream out) throws XMLStreamException {
    XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
    x.writeStartDocument("UTF-8", "1.0");
    x.writeCharacters("\n");
    String suite = Reports.stem(r).replace("__", ".");
    x.writeStartElement("testsuite");
    x.writeAttribute("name", suite);
    int tests = r.graded() ? r.checks().size() : 1;
    long failures = r.checks().stream().filter(c -> !c.passed()).count();
    x.writeAttribute("tests", String.valueOf(tests));
    x.writeAttribute("failures", String.valueOf(failures));
    x.writeAttribute("errors", r.graded() ? "0" : "1");
    x.writeAttribute("skipped", "0");
    x.writeAttribute("time", "0");
    x.writeCharacters("\n");
    if (!r.graded()) {
      testcase(x, suite, "submission " + r.source(), null, r.error());
    }
    for (StepResult s : r.steps()) {
      for (CheckResult c : s.checks()) {
        String failure =
            c.passed() ? null : c.reason() + (c.detail().isEmpty() ? "" : " (" + c.detail() + ")");
        testcase(x, suite + ".step" + s.number(), c.label(), failure, null);
      }
    }
    if (r.flagged()) {
      x.writeStartElement("system-err");
      StringBuilder sb = new StringBuilder("recorded outputs differ from the replay:\n");
      r.divergences()
          .forEach(
              d ->
                  sb.append("  entry ")
                      .append(d.entry())
                      .append(": ")
                      .append(d.command())
                      .append('\n'));
      x.writeCData(sb.toString().replace("]]>", "]]]]><![CDATA[>"));
      x.writeEndElement();
      x.writeCharacters("\n");
    }
    x.writeEndElement();
    x.writeCharacters("\n");
    x.writeEndDocument();
    x.close();
  }

  private static void testcase(
      XMLStreamWriter x, String classname, String name, String failure, String error)
      throws XMLStreamException {
    x.writeCharacters("  ");
    x.writeStartElement("testcase");
    x.writeAttribute("name", name);
    x.writeAttribute("classname", classname);
    x.writeAttribute("time", "0");
    if (failure != null) {
      x.writeStartElement("failure");
      x.writeAttribute("message", failure);
      x.writeAttribute("type", "ddlab.CheckFailed");
      x.writeCharacters(failure);
      x.writeEndElement();
    }
    if (error != null) {
      x.writeStartElement("error");
      x.writeAttribute("message", error);
      x.writeAttribute("type", "ddlab.SubmissionError");
      x.writeCharacters(error);
      x.writeEndElement();
    }
    x.writeEndElement();
    x.writeCharacters("\n");
  }
}
