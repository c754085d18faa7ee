package dev.ddlab.sim.shell;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Every {@link Tool} by command name; hosts and container programs pick from it. */
public final class Tools {
  private static final Map<String, Tool> ALL;

  static {
    Map<String, Tool> m = new TreeMap<>();
    FileTools.install(m);
    TextTools.install(m);
    SystemTools.install(m);
    NetTools.install(m);
    PathTools.install(m);
    FileInfoTools.install(m);
    SysInfoTools.install(m);
    m.put("tar", new TarTool());
    m.put("git", new GitTool());
    for (String editor : new String[] {"vi", "vim", "nano"}) {
      m.put(editor, new EditorFallback());
    }
    ALL = Collections.unmodifiableMap(m);
  }

  private Tools() {}

  public static Map<String, Tool> all() {
    return ALL;
  }

  public static Tool get(String name) {
    return ALL.get(name);
  }
}
