package dev.ddlab.dockerfile;

import java.util.List;

/**
 * One build stage: {@code FROM [--platform=p] base [AS name]} and the instructions up to the next
 * FROM.
 *
 * @param index the stage's position (0-based), which {@code COPY --from=0} also names
 * @param name the lower-cased name after AS, or "" without one
 * @param baseName the base as written (a variable is substituted at build time)
 * @param platform the {@code --platform} value as written, or ""
 * @param commands the stage's instructions in order
 * @param node the FROM instruction
 */
public record Stage(
    int index,
    String name,
    String baseName,
    String platform,
    List<Instruction> commands,
    Node node) {
  public Stage {
    commands = List.copyOf(commands);
  }
}
