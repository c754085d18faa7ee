/**
 * The Engine API's Swarm objects as moby's {@code api/types/swarm} defines them: the cluster
 * ({@link dev.ddlab.engine.dto.swarm.Swarm}), nodes, services, tasks, secrets and configs, with
 * their JSON names and Go's {@code omitempty} as {@code JsonInclude} on the components. Times are
 * RFC 3339 strings, durations int64 nanoseconds, data base64 (as Go's JSON writes {@code []byte}).
 * Embedded Go structs ({@code Meta}, {@code Annotations}) are spelled out as components. Left out:
 * CSI volumes, jobs, generic resources, external CAs, plugin and network-attachment task specs,
 * privileges, health checks and DNS config of container specs.
 */
package dev.ddlab.engine.dto.swarm;
