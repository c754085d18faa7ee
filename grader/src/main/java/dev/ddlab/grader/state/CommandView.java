package dev.ddlab.grader.state;

/** One line typed at a terminal and what the simulator answered. */
public record CommandView(String node, String command, String output, int exitCode) {}
