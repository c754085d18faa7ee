/**
 * Networking of one node in libnetwork's words: {@link dev.ddlab.sim.network.Network}, {@link
 * dev.ddlab.sim.network.Endpoint}, the sandbox of each running container (its network namespace),
 * the default IPAM (local pools 172.17/16 for docker0, then 172.18/16 …, lowest free address
 * first), docker-proxy's published ports and the embedded DNS of user-defined networks. Mirrors
 * moby's {@code libnetwork} controller, {@code ipams/defaultipam} and {@code portallocator}. Leaves
 * out: overlay, macvlan and ipvlan drivers, IPv6 addresses, iptables, frames and packets.
 */
package dev.ddlab.sim.network;
