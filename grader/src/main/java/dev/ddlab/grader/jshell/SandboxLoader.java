package dev.ddlab.grader.jshell;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The class loader of {@code java:} check snippets. It defines the snippets' own classes and lets
 * them link only against an allow-list: the read-only state API, plain values and collections of
 * the JDK, and what lambdas and string concatenation need. Files, processes, threads, reflection,
 * class loading and the simulator behind the state are not reachable: linking to them fails with
 * {@link NoClassDefFoundError}.
 */
final class SandboxLoader extends ClassLoader {
  private static final String STATE_API = "dev.ddlab.grader.state.";

  private static final Set<String> JAVA_LANG =
      Set.of(
          "Object",
          "String",
          "StringBuilder",
          "CharSequence",
          "Comparable",
          "Iterable",
          "Boolean",
          "Byte",
          "Character",
          "Short",
          "Integer",
          "Long",
          "Float",
          "Double",
          "Number",
          "Math",
          "Void",
          "Enum",
          "Record",
          "Throwable",
          "Exception",
          "RuntimeException",
          "Error",
          "AssertionError",
          "ArithmeticException",
          "ClassCastException",
          "IllegalArgumentException",
          "IllegalStateException",
          "IndexOutOfBoundsException",
          "NullPointerException",
          "NumberFormatException",
          "UnsupportedOperationException");

  private static final Set<String> JAVA_LANG_INVOKE =
      Set.of(
          "LambdaMetafactory",
          "StringConcatFactory",
          "MethodHandles$Lookup",
          "MethodHandle",
          "MethodType",
          "CallSite");

  /** java.util classes that reach outside the value world (threads, I/O, services, locale data). */
  private static final Set<String> JAVA_UTIL_DENIED =
      Set.of(
          "Timer",
          "TimerTask",
          "ServiceLoader",
          "Scanner",
          "Formatter",
          "Properties",
          "PropertyResourceBundle",
          "ResourceBundle",
          "Random",
          "SplittableRandom",
          "Locale",
          "Currency",
          "Date",
          "Calendar",
          "GregorianCalendar",
          "TimeZone",
          "SimpleTimeZone",
          "UUID");

  private final ClassLoader app;
  private final Map<String, byte[]> pending = new HashMap<>();

  SandboxLoader(ClassLoader app) {
    super("ddlab-java-checks", null);
    this.app = app;
  }

  static boolean allowed(String name) {
    if (name.startsWith(STATE_API)) {
      return true;
    }
    if (name.startsWith("java.lang.invoke.")) {
      return JAVA_LANG_INVOKE.contains(name.substring("java.lang.invoke.".length()));
    }
    if (name.startsWith("java.lang.")) {
      String simple = name.substring("java.lang.".length());
      return JAVA_LANG.contains(
          simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple);
    }
    for (String pkg :
        new String[] {"java.util.function.", "java.util.stream.", "java.util.regex."}) {
      if (name.startsWith(pkg) && name.indexOf('.', pkg.length()) < 0) {
        return true;
      }
    }
    if (name.startsWith("java.util.") && name.indexOf('.', "java.util.".length()) < 0) {
      String simple = name.substring("java.util.".length());
      String outer = simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
      return !JAVA_UTIL_DENIED.contains(outer);
    }
    return false;
  }

  void add(String name, byte[] bytes) {
    synchronized (pending) {
      pending.put(name, bytes);
    }
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        byte[] bytes;
        synchronized (pending) {
          bytes = pending.remove(name);
        }
        if (bytes != null) {
          c = defineClass(name, bytes, 0, bytes.length);
        } else if (allowed(name)) {
          c = Class.forName(name, false, app);
        } else {
          throw new ClassNotFoundException(name + " is not available to java: checks");
        }
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }
}
