package dev.ddlab.cli.command;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * docker/cli's cobra metadata of a command: its use line (after the command path), its short
 * description, the aliases line of its help, and its argument rule (cli.RequiresMinArgs, ExactArgs,
 * …).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Docker {
  String use();

  String summary();

  String aliases() default "";

  int minArgs() default 0;

  /** -1 for no maximum. */
  int maxArgs() default -1;

  /** Flags after the first argument belong to the container command (run, create, exec). */
  boolean stopAtPositional() default false;
}
