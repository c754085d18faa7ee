/**
 * The physical network between a session's machines: every node's {@code eth0} on one switched
 * segment, packets between their addresses delivered on virtual time after a latency, and the
 * faults a learner can cause (a node cut off, a partition, loss, one dropped packet). Swarm's
 * control plane (Raft on 2377, the dispatcher, the managers' forwarding) rides on it, so a
 * partition here is a real network fault for Raft. Nothing here knows Docker: the frame-level data
 * plane (issue 11) and VXLAN (issue 13) plug in below {@link dev.ddlab.sim.underlay.Nic} by
 * carrying {@link dev.ddlab.sim.underlay.Packet}s as IPv4/TCP or UDP inside Ethernet frames.
 */
package dev.ddlab.sim.underlay;
