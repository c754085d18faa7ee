package dev.ddlab.sim.runtime.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Docker's own "Get started with Docker Compose" app, typed as its page gives it. */
class ComposeQuickstartTest {
  private static final String APP =
      "mkdir composetest && cd composetest\n"
          + "cat > app.py <<'PY'\n"
          + "import time\n\nimport redis\nfrom flask import Flask\n\n"
          + "app = Flask(__name__)\ncache = redis.Redis(host='redis', port=6379)\n\n"
          + "def get_hit_count():\n    retries = 5\n    while True:\n        try:\n"
          + "            return cache.incr('hits')\n"
          + "        except redis.exceptions.ConnectionError as exc:\n"
          + "            if retries == 0:\n                raise exc\n"
          + "            retries -= 1\n            time.sleep(0.5)\n\n"
          + "@app.route('/')\ndef hello():\n    count = get_hit_count()\n"
          + "    return f'Hello World! I have been seen {count} times.\\n'\n"
          + "PY\n"
          + "printf 'flask\\nredis\\n' > requirements.txt\n"
          + "cat > Dockerfile <<'DF'\n"
          + "# syntax=docker/dockerfile:1\nFROM python:3.10-alpine\nWORKDIR /code\n"
          + "ENV FLASK_APP=app.py\nENV FLASK_RUN_HOST=0.0.0.0\n"
          + "RUN apk add --no-cache gcc musl-dev linux-headers\n"
          + "COPY requirements.txt requirements.txt\nRUN pip install -r requirements.txt\n"
          + "EXPOSE 5000\nCOPY . .\nCMD [\"flask\", \"run\", \"--debug\"]\n"
          + "DF\n"
          + "cat > compose.yaml <<'YML'\n"
          + "services:\n  web:\n    build: .\n    ports:\n      - \"8000:5000\"\n"
          + "  redis:\n    image: \"redis:alpine\"\n"
          + "YML\n";

  private static List<TranscriptEntry> run(String script) {
    try (SimSession s = SimSession.open("single", 1)) {
      return new ScriptRunner(s).run(script);
    }
  }

  private static TranscriptEntry typed(List<TranscriptEntry> t, String command) {
    return t.stream().filter(e -> e.input().equals(command)).reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void the_counter_counts_each_visit_and_redis_cli_reads_the_same_count() {
    List<TranscriptEntry> t =
        run(
            APP
                + "docker compose up -d\n"
                + "curl -s localhost:8000\n"
                + "curl -s localhost:8000\n"
                + "docker compose exec -T redis redis-cli get hits\n"
                + "docker compose exec -T redis redis-cli incr hits\n"
                + "docker compose exec -T redis redis-cli nosuch a b\n"
                + "docker compose exec -T redis redis-cli get\n"
                + "docker compose exec -T redis redis-cli -e get\n"
                + "curl -s localhost:8000\n"
                + "docker compose logs web\n");
    assertEquals(0, typed(t, "docker compose up -d").exitCode(), t.toString());
    List<String> pages =
        t.stream()
            .filter(e -> e.input().equals("curl -s localhost:8000"))
            .map(TranscriptEntry::output)
            .toList();
    assertEquals(
        List.of(
            "Hello World! I have been seen 1 times.\n",
            "Hello World! I have been seen 2 times.\n",
            "Hello World! I have been seen 4 times.\n"),
        pages);
    assertEquals("2\n", typed(t, "docker compose exec -T redis redis-cli get hits").output());
    assertEquals("3\n", typed(t, "docker compose exec -T redis redis-cli incr hits").output());
    TranscriptEntry unknown = typed(t, "docker compose exec -T redis redis-cli nosuch a b");
    assertEquals(
        "ERR unknown command 'nosuch', with args beginning with: 'a' 'b' \n", unknown.output());
    assertEquals(0, unknown.exitCode()); // an error reply is output, not a failure, without -e
    assertEquals(
        "ERR wrong number of arguments for 'get' command\n",
        typed(t, "docker compose exec -T redis redis-cli get").output());
    TranscriptEntry failing = typed(t, "docker compose exec -T redis redis-cli -e get");
    assertEquals(1, failing.exitCode());
    String logs = t.get(t.size() - 1).output();
    assertTrue(logs.contains(" * Serving Flask app 'app.py'\n"), logs);
    assertTrue(logs.contains(" * Debug mode: on\n"), logs);
    assertTrue(
        logs.contains(
            "\u001b[31m\u001b[1mWARNING: This is a development server. Do not use it in a"
                + " production deployment. Use a production WSGI server instead.\u001b[0m\n"),
        logs);
    assertTrue(logs.contains(" * Running on http://127.0.0.1:5000\n"), logs);
    assertTrue(logs.matches("(?s).* \\* Running on http://172\\.\\d+\\.0\\.\\d+:5000\n.*"), logs);
    assertTrue(logs.contains(" * Restarting with stat\n"), logs);
    assertTrue(logs.contains("\"GET / HTTP/1.1\" 200 -\n"), logs);
  }

  @Test
  void redis_cli_at_a_terminal_prints_types_and_takes_commands_at_its_prompt() {
    List<TranscriptEntry> t =
        run(
            "docker run -d --name rd redis:alpine\n"
                + "docker exec -t rd redis-cli set greeting 'hi there'\n"
                + "docker exec -t rd redis-cli incr n\n"
                + "docker exec -t rd redis-cli get nosuch\n"
                + "docker exec -t rd redis-cli keys '*'\n"
                + "docker exec -t rd redis-cli -h nosuch ping\n"
                + "docker exec -i rd redis-cli\n"
                + "get greeting\n"
                + "ping\n");
    assertEquals(0, t.get(0).exitCode(), t.get(0).output());
    assertEquals("OK\n", typed(t, "docker exec -t rd redis-cli set greeting 'hi there'").output());
    assertEquals("(integer) 1\n", typed(t, "docker exec -t rd redis-cli incr n").output());
    assertEquals("(nil)\n", typed(t, "docker exec -t rd redis-cli get nosuch").output());
    assertEquals(
        "1) \"greeting\"\n2) \"n\"\n", typed(t, "docker exec -t rd redis-cli keys '*'").output());
    TranscriptEntry down = typed(t, "docker exec -t rd redis-cli -h nosuch ping");
    assertEquals(
        "Could not connect to Redis at nosuch:6379: Name does not resolve\n", down.output());
    assertEquals(1, down.exitCode());
    // without -t the replies are bare, as redis-cli prints them to a pipe
    assertEquals("hi there\n", t.get(t.size() - 2).output());
    assertEquals("PONG\n", t.get(t.size() - 1).output());
  }

  @Test
  void flask_run_without_an_app_is_clicks_usage_error_and_python_c_prints() {
    List<TranscriptEntry> t =
        run(
            "docker run --rm python:3.10-alpine sh -c 'pip install flask >/dev/null; flask run'\n"
                + "docker run --rm python:3.10-alpine sh -c 'pip install flask >/dev/null; flask --version'\n"
                + "docker run --rm python:alpine python -c 'print(\"hi\\tthere\")'\n"
                + "docker run --rm python:3.10-alpine python -V\n");
    TranscriptEntry noApp = t.get(0);
    assertEquals(
        "Usage: flask run [OPTIONS]\nTry 'flask run --help' for help.\n\nError: Could not locate a"
            + " Flask application. Use the 'flask --app' option, 'FLASK_APP' environment variable,"
            + " or a 'wsgi.py' or 'app.py' file in the current directory.\n",
        noApp.output().substring(noApp.output().indexOf("Usage:")));
    assertEquals(2, noApp.exitCode());
    assertTrue(
        t.get(1).output().endsWith("Python 3.10.13\nFlask 3.0.0\nWerkzeug 3.0.1\n"),
        t.get(1).output());
    assertEquals("hi\tthere\n", t.get(2).output().substring(t.get(2).output().lastIndexOf("hi")));
    assertTrue(t.get(3).output().endsWith("Python 3.10.13\n"), t.get(3).output());
  }
}
