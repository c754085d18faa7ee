package dev.ddlab.cli;

import dev.ddlab.client.CommandIo;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** CommandIo for tests: collects stdout and stderr, serves stdin lines. */
final class RecordingIo implements CommandIo {
  final StringBuilder out = new StringBuilder();
  final StringBuilder err = new StringBuilder();
  final Deque<String> stdin = new ArrayDeque<>();
  boolean tty = true;

  RecordingIo input(String... lines) {
    stdin.addAll(List.of(lines));
    return this;
  }

  @Override
  public void out(String text) {
    out.append(text);
  }

  @Override
  public void err(String text) {
    err.append(text);
  }

  @Override
  public String readLine() {
    return stdin.poll();
  }

  @Override
  public boolean isTty() {
    return tty;
  }
}
