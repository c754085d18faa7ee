package dev.ddlab.web.panel;

/**
 * A visualiser that can be opened beside the terminals: a plug-in found with {@link
 * java.util.ServiceLoader} (list the class in {@code META-INF/services/dev.ddlab.web.panel.Panel}),
 * so later work (labs, Raft, VXLAN) adds panels without touching the server. The server half is a
 * {@link PanelModel} per session, fed by the session's event bus; the browser half is the script at
 * {@link #script()} which registers itself with {@code ddlab.registerPanel(id, …)}.
 */
public interface Panel {
  /** Stable id used in the protocol ("topology"). */
  String id();

  /** Vietnamese title shown on the panel's tab. */
  String title();

  /** Position among the tabs, lowest first. */
  default int order() {
    return 100;
  }

  /** Browser half of the panel, served from the classpath. */
  default String script() {
    return "/panels/" + id() + ".js";
  }

  /** The model of this panel for one session; called with the session locked. */
  PanelModel open(PanelContext context);
}
