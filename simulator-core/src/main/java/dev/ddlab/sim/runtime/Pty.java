package dev.ddlab.sim.runtime;

/**
 * The pseudo-terminal of a container with a TTY ({@code docker run -t}) or of a {@code docker exec
 * -t}: what its processes reach through stdin when it is the terminal. Its window size is what
 * TIOCGWINSZ gives (the create's ConsoleSize at start, then the client's resizes, each change a
 * SIGWINCH for the attached process), and of its modes the one the simulation acts on is echo
 * ({@code stty -echo}: the learner's typed lines are not shown, as a password's).
 */
public final class Pty {
  private int rows;
  private int columns;
  private boolean echo = true;

  /** A terminal of {@code rows} × {@code columns} (0 × 0: no size yet, as a fresh pty). */
  public Pty(long rows, long columns) {
    resize(rows, columns);
  }

  public int rows() {
    return rows;
  }

  public int columns() {
    return columns;
  }

  /**
   * TIOCSWINSZ: the kernel keeps 16 bits of each; returns whether the size changed (only a change
   * sends SIGWINCH).
   */
  public boolean resize(long rows, long columns) {
    int r = (int) (rows & 0xffff);
    int c = (int) (columns & 0xffff);
    boolean changed = r != this.rows || c != this.columns;
    this.rows = r;
    this.columns = c;
    return changed;
  }

  /** Whether the terminal echoes what is typed (the line discipline's ECHO). */
  public boolean echo() {
    return echo;
  }

  public void echo(boolean on) {
    echo = on;
  }
}
