package dev.ddlab.grader.state;

/**
 * A swarm node as a check sees it ({@code docker node ls} on a manager).
 *
 * @param hostname as {@code node ls}'s HOSTNAME
 * @param role "manager" or "worker"
 * @param availability "active", "pause" or "drain"
 * @param status "ready", "down", "unknown" or "disconnected"
 * @param managerStatus {@code node ls}'s MANAGER STATUS: "Leader", "Reachable", "Unreachable", or
 *     "" for a worker
 */
public record SwarmNodeView(
    String id,
    String hostname,
    String role,
    String availability,
    String status,
    String managerStatus) {}
