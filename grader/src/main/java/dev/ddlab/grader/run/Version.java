package dev.ddlab.grader.run;

/** The ddlab version written into submissions (the jar's, or the build's). */
public final class Version {
  private Version() {}

  public static String current() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }
}
