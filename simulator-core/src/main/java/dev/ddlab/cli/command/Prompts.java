package dev.ddlab.cli.command;

import dev.ddlab.client.CommandIo;

/** command.PromptForConfirmation: asks on stdout, reads a line, "y" or "Y" confirms. */
final class Prompts {
  private Prompts() {}

  static boolean confirm(CommandIo io, String question) {
    io.out(question);
    String answer = io.readLine();
    if (answer == null) {
      io.out("\n");
      return false;
    }
    String a = answer.trim();
    return a.equalsIgnoreCase("y") || a.equalsIgnoreCase("yes");
  }
}
