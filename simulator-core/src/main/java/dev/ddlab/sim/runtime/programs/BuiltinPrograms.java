package dev.ddlab.sim.runtime.programs;

import dev.ddlab.sim.runtime.ProgramInstaller;
import dev.ddlab.sim.runtime.ProgramRegistry;

/**
 * The programs of the runtime that are not shells or file utilities: what course images run as
 * their main process. The shell engineer's installer registers sh, bash and the busybox applets.
 */
public final class BuiltinPrograms implements ProgramInstaller {
  @Override
  public void install(ProgramRegistry registry) {
    registry
        .register("sleep", Sleep::new)
        .register("true", () -> new Exit(0))
        .register("false", () -> new Exit(1))
        .register("nginx", Nginx::new)
        .register("httpd", Httpd::new)
        .register("redis-server", RedisServer::new)
        .register("redis-cli", RedisCli::new)
        .register("python3", Python::new)
        .register("node", NodeApp::new)
        .register("mongod", Mongod::new)
        .register("git-sync", GitSync::new)
        .register("pwsh", Pwsh::new)
        .register("go", Go::new)
        .register("go-app", GoApp::new)
        .register("docker-entrypoint", DockerEntrypoint::new);
  }
}
