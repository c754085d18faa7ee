/**
 * The container half of a simulated dockerd, split as moby's {@code daemon} package is: one class
 * per file of moby's, all sharing one {@code Daemon} (moby's Daemon type: the state and the
 * operations), behind the public {@link dev.ddlab.sim.container.ContainerDaemon} (the Engine API's
 * /containers and /exec, and the node's own calls).
 *
 * <table>
 *   <caption>Where each operation lives</caption>
 *   <tr><th>class</th><th>moby</th></tr>
 *   <tr><td>Create, Names, Mounts</td><td>daemon/create.go, names.go, volumes.go</td></tr>
 *   <tr><td>Start, Monitor</td><td>daemon/start.go, monitor.go</td></tr>
 *   <tr><td>Stop, Kill, Restart, Pause</td>
 *       <td>daemon/stop.go, kill.go, restart.go, pause.go + unpause.go</td></tr>
 *   <tr><td>Delete, Rename, Update, Wait, Prune</td>
 *       <td>daemon/delete.go, rename.go, update.go, wait.go, prune.go</td></tr>
 *   <tr><td>Attach, Exec (ExecInstance), Logs, Top</td>
 *       <td>daemon/attach.go, exec.go (exec/exec.go), logs.go, top_unix.go</td></tr>
 *   <tr><td>Changes, Archive (TarStreams), Inspect, Listing</td>
 *       <td>daemon/changes.go, archive.go (pkg/archive), inspect.go, list.go</td></tr>
 *   <tr><td>Lifecycle</td><td>daemon/daemon.go: Shutdown, restore</td></tr>
 *   <tr><td>Errors</td><td>daemon/errors.go</td></tr>
 *   <tr><td>Container, Containers</td>
 *       <td>container/container.go and state.go; the create request's config (runconfig)</td></tr>
 *   <tr><td>RestartManager</td><td>restartmanager (back-off 100 ms doubling to 1 min, reset
 *       after 10 s of running)</td></tr>
 * </table>
 *
 * <p>Leaves out: health checks, logging drivers other than json-file, checkpoints, live-restore,
 * Windows containers.
 */
package dev.ddlab.sim.container;
