package dev.ddlab.web.panel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The panels installed on the classpath (see {@link Panel}). */
public final class Panels {
  private Panels() {}

  public static List<Panel> discover() {
    List<Panel> out = new ArrayList<>();
    ServiceLoader.load(Panel.class, Panels.class.getClassLoader()).forEach(out::add);
    out.sort(Comparator.comparingInt(Panel::order).thenComparing(Panel::id));
    return out;
  }
}
