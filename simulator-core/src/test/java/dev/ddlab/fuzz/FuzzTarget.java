package dev.ddlab.fuzz;

import java.util.List;

/**
 * Something the fuzzer feeds generated input to: a corpus of real inputs to start from, words that
 * mean something to it (flags, keywords, operators), and fresh subjects to feed. A new target (the
 * Compose or Dockerfile parser) is a class implementing this and one line in {@link FuzzTest}.
 */
interface FuzzTarget {
  String name();

  /** Real inputs the mutations start from (the course's commands for the shell and CLI). */
  List<String> corpus();

  /** Words worth inserting: the target's flags, keywords and operators. */
  List<String> dictionary();

  /** A fresh subject (a new session, a new parser) for the inputs of one seed. */
  Subject open(long seed);

  /** One subject being fed inputs. */
  interface Subject extends AutoCloseable {
    /** Feeds one input; a Java exception escaping here is a finding. */
    Fed feed(String input);

    @Override
    void close();
  }

  /**
   * What one input gave.
   *
   * @param output what the user saw
   * @param exitCode the status (0 to 255 for a command)
   * @param virtualNanos virtual time the input took (0 for a parser)
   */
  record Fed(String output, int exitCode, long virtualNanos) {}
}
