package dev.ddlab.cli.template;

/**
 * A typed Go nil: a nil slice prints {@code []}, a nil map {@code map[]}, a nil pointer {@code
 * <nil>}; all marshal to JSON {@code null}. A Java {@code null} is Go's "no value" instead.
 */
public enum Nil {
  SLICE("[]"),
  MAP("map[]"),
  POINTER("<nil>");

  final String printed;

  Nil(String printed) {
    this.printed = printed;
  }

  @Override
  public String toString() {
    return printed;
  }
}
