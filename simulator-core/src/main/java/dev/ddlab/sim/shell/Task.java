package dev.ddlab.sim.shell;

import dev.ddlab.sim.runtime.Cgroup;
import dev.ddlab.sim.shell.Ast.SimpleCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A background job's task in its cgroup's pids count: charged when the job forks, released once the
 * job and every job it started have ended. The simulator runs a job's commands in turn, so a job
 * that starts another and ends would free its task at once and a chain of jobs ({@code f() { f &
 * }}) would never meet the limit; holding the task until its jobs end counts the tree, which a fork
 * bomb grows until the limit stops it.
 */
public final class Task {
  private final Task parent;
  private final Cgroup cgroup;
  private int holds = 1;

  /** Whether the job's task was given up for the process of the program it execs. */
  private boolean execed;

  /** 128 + the signal that killed the job ({@code kill %1}); 0 while it lives. */
  private int killStatus;

  /** How the programs the job runs now stop when it is killed (each given the job's status). */
  private final List<IntConsumer> stops = new ArrayList<>();

  /**
   * The job's command when it is one simple command, which its shell execs when it runs a program;
   * null for a pipeline or list (the job's shell stays and waits for them).
   */
  private final SimpleCommand lone;

  Task(Task parent, Cgroup cgroup, SimpleCommand lone) {
    this.parent = parent;
    this.cgroup = cgroup;
    this.lone = lone;
    if (parent != null) {
      parent.holds++;
    }
  }

  /**
   * The job runs a program: its shell execs the first one (as bash and ash exec a job's lone
   * command). When the program is a process counted of its own ({@code programsAreTasks}: a
   * container's) it is counted from now on instead of the job's task; otherwise (the host's tools,
   * which run in the shell) the job's task stands for the program's process.
   *
   * @return whether the job execs this command (its lone command)
   */
  boolean exec(SimpleCommand command, boolean programsAreTasks) {
    if (command != lone) {
      return false; // a command inside the job (a pipeline's stage, a function's body)
    }
    if (!execed && cgroup != null && programsAreTasks) {
      cgroup.release();
      execed = true;
    }
    return true;
  }

  /** The job started at the prompt that this task belongs to (a job inside a job is its part). */
  Task root() {
    Task t = this;
    while (t.parent != null) {
      t = t.parent;
    }
    return t;
  }

  /**
   * Registers how a program of this job stops when the job is killed (it must end, passing on the
   * status it is given); the returned runnable unregisters it, for when the program ends itself.
   */
  public Runnable onKill(IntConsumer stop) {
    Task r = root();
    r.stops.add(stop);
    return () -> r.stops.remove(stop);
  }

  /** Whether the job was killed: its lists and loops start nothing more. */
  public boolean killed() {
    return root().killStatus != 0;
  }

  /** 128 + the signal that killed the job, 0 while it lives. */
  int killStatus() {
    return root().killStatus;
  }

  /** The job gets a terminating signal: what it runs stops, and it starts nothing more. */
  void kill(int status) {
    Task r = root();
    if (r.killStatus != 0) {
      return;
    }
    r.killStatus = status;
    List<IntConsumer> now = List.copyOf(r.stops);
    r.stops.clear();
    now.forEach(stop -> stop.accept(status));
  }

  void release() {
    for (Task t = this; t != null && --t.holds == 0; t = t.parent) {
      if (t.cgroup != null && !t.execed) {
        t.cgroup.release();
      }
    }
  }
}
