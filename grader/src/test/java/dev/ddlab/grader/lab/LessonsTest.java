package dev.ddlab.grader.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The lessons of tutorial-content and the labs point at each other correctly. */
class LessonsTest {
  static Map<String, String> lessons() throws IOException {
    Path dir =
        Path.of(System.getProperty("ddlab.root", ".."))
            .resolve("tutorial-content/src/main/resources/lessons");
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".md")).toList()) {
        String name = p.getFileName().toString();
        out.put(name.substring(0, name.length() - 3), Files.readString(p));
      }
    }
    return out;
  }

  @Test
  void every_lab_names_an_existing_lesson_and_every_lesson_link_names_an_existing_lab()
      throws IOException {
    Map<String, String> lessons = lessons();
    Set<String> linked = new HashSet<>();
    Pattern link = Pattern.compile("\\(#lab=([a-z0-9-]+)\\)");
    for (Map.Entry<String, String> l : lessons.entrySet()) {
      Matcher m = link.matcher(l.getValue());
      while (m.find()) {
        assertTrue(
            LabCatalog.builtIn().find(m.group(1)).isPresent(),
            l.getKey() + " links to " + m.group(1));
        linked.add(m.group(1));
      }
    }
    for (Lab lab : LabCatalog.builtIn().all()) {
      assertTrue(lessons.containsKey(lab.lesson()), lab.id() + " names lesson " + lab.lesson());
      assertTrue(linked.contains(lab.id()), "no lesson links to " + lab.id());
    }
  }

  @Test
  void each_chapter_lesson_has_runnable_commands_and_the_glossary_explains_the_kept_terms()
      throws IOException {
    Map<String, String> lessons = lessons();
    for (String chapter :
        Set.of(
            "p1-4-big-picture",
            "p2-1-engine",
            "p2-2-images",
            "p2-3-containers",
            "p2-4-containerizing",
            "p2-5-compose")) {
      String text = lessons.get(chapter);
      assertTrue(text != null, chapter);
      assertTrue(text.contains("```\ndocker "), chapter + " has docker code blocks");
    }
    String glossary = lessons.get("thuat-ngu");
    for (String term :
        Set.of(
            "image",
            "layer",
            "container",
            "digest",
            "registry",
            "tag",
            "manifest list",
            "restart policy")) {
      assertTrue(glossary.contains("**" + term), term);
    }
    assertFalse(glossary.isBlank());
  }
}
