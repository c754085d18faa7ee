package dev.ddlab.web.lesson;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LessonLibraryTest {
  private static String render(String markdown) {
    return new LessonLibrary(Map.of("l", markdown)).render("l").orElseThrow();
  }

  @Test
  void a_shell_block_gets_a_run_button_only_when_ddlab_runs_every_docker_command_in_it() {
    assertTrue(render("```\ndocker ps -a\n```\n").contains("<pre class=\"runnable\">"));
    assertTrue(
        render("```\n$ docker images --format \"{{.Repository}}: {{.Tag}}\"\n```\n")
            .contains("<pre class=\"runnable\">"),
        "quoted words are one argument");
    assertFalse(render("```\ndocker plugin ls\n```\n").contains("runnable"), "not simulated");
    assertFalse(render("```\ndocker ps\ndocker trust inspect alpine\n```\n").contains("runnable"));
    assertFalse(render("```\ndocker ps --bogus\n```\n").contains("runnable"), "a bad flag");
    assertFalse(render("```yaml\nservices: {}\n```\n").contains("runnable"), "not a shell block");
    assertTrue(
        render("```\ncat /etc/hostname && docker ps | grep web\n```\n").contains("runnable"));
    assertTrue(render("```\ndocker rmi $(docker images -q)\n```\n").contains("runnable"));
    // compose's persistent flags before its subcommand, as the CLI reads them
    assertTrue(
        render("```\ndocker compose --profile debug -f a.yml config --services\n```\n")
            .contains("runnable"));
    assertFalse(render("```\ndocker compose --profile debug\n```\n").contains("runnable"));
    assertFalse(render("```\ndocker rmi $(docker images --bogus)\n```\n").contains("runnable"));
  }

  @Test
  void every_shell_block_of_the_shipped_lessons_runs() {
    LessonLibrary lessons = LessonLibrary.fromClasspath();
    Pattern block =
        Pattern.compile("<pre( class=\"runnable\")?><code>(.*?)</code></pre>", Pattern.DOTALL);
    for (Map<String, String> l : lessons.index()) {
      String html = lessons.render(l.get("name")).orElseThrow();
      Matcher m = block.matcher(html);
      while (m.find()) {
        if (m.group(2).startsWith("docker ") || m.group(2).contains("\ndocker ")) {
          assertTrue(m.group(1) != null, l.get("name") + ": " + m.group(2));
        }
      }
    }
  }
}
