/**
 * libnetwork's {@code portallocator} and {@code portmapper}: host ports for published container
 * ports (ephemeral ones from 32768), and the API's port keys. Leaves out: the iptables DNAT rules
 * and docker-proxy processes (the packet-level data plane brings them).
 */
package dev.ddlab.sim.network.portmapper;
