/**
 * The seam between libnetwork-shaped control and the traffic itself: {@link
 * dev.ddlab.sim.network.dataplane.DataPlane} (what processes send once names are resolved) and
 * {@link dev.ddlab.sim.network.dataplane.HostLinks} (the node's own interfaces, as drivers make
 * them). The frame-level data plane (Ethernet, ARP, IPv4, ICMP, UDP, TCP on virtual time) will live
 * here and implement {@code DataPlane}; until then the controller's lookup answers.
 */
package dev.ddlab.sim.network.dataplane;
