/**
 * What the course's images run as their main process, as simulated programs: sleep, true/false,
 * nginx, busybox httpd, redis-server, mongod, node running the course's Express apps, git-sync,
 * pwsh, and the official images' docker-entrypoint.sh. Output formats follow the real programs;
 * their behaviour is only what the course shows.
 */
package dev.ddlab.sim.runtime.programs;
