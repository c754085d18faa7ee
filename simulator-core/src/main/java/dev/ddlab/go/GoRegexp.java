package dev.ddlab.go;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Go's {@code regexp.MatchString} as moby's filters use it ({@code filters.Args.Match}): an
 * unanchored search, where a pattern that does not compile matches nothing.
 */
public final class GoRegexp {
  private GoRegexp() {}

  /** Whether {@code pattern} matches anywhere in {@code text}; false for a bad pattern. */
  public static boolean matchString(String pattern, String text) {
    try {
      return Pattern.compile(pattern).matcher(text).find();
    } catch (PatternSyntaxException e) {
      return false;
    }
  }
}
