package dev.ddlab.cli.template;

/**
 * A parse or execution error, worded as Go's text/template words it ({@code template: :1: unclosed
 * action}, {@code template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo"}), so the
 * CLI can print it after Docker's own prefix.
 */
public class TemplateException extends RuntimeException {
  public TemplateException(String message) {
    super(message);
  }
}
