package dev.ddlab.grader.run;

/**
 * A transcript entry whose recorded result differs from the replay: the file was edited, or it came
 * from a different simulator.
 *
 * @param entry 1-based index in the submission's transcript
 */
public record Divergence(
    int entry,
    String command,
    String recordedOutput,
    String replayedOutput,
    int recordedExitCode,
    int replayedExitCode) {}
