package dev.ddlab.sim.shell;

import dev.ddlab.sim.shell.Ast.FunctionDef;
import java.util.Map;

/**
 * What one (sub)shell of an {@link Interpreter} has of its own: its variables, functions, traps,
 * working directory, options, {@code $?}, and whether an {@code exit}, {@code return}, {@code
 * break} or {@code continue} is unwinding its list. The stages of a pipeline run together on one
 * interpreter (dash, ash and bash without {@code lastpipe} fork each), so each stage has a state of
 * its own, forked from the shell's when the pipeline starts ({@link Interpreter#fork}); the
 * interpreter holds the running one's, and every continuation that runs later switches to the state
 * it was made in ({@link Interpreter#resumer}).
 */
final class ShellState {
  ShellVars vars;
  Map<String, FunctionDef> functions;
  Map<Integer, String> traps;
  String cwd;
  long options;
  int lastStatus;
  boolean exited;
  boolean returning;
  int breakLevels;
  int continueLevels;
  int subshells;

  /** What {@code exec} made of this (sub)shell's open files. */
  Fds fds;

  /** The loops running in this (sub)shell ({@link CompoundCommands#loops}). */
  Object loops;
}
