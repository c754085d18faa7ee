/**
 * libnetwork's built-in drivers ({@code drivers/bridge}, {@code host}, {@code null}, {@code
 * macvlan}), registered by {@link dev.ddlab.sim.network.drivers.BuiltinDrivers}. They program the
 * node through {@link dev.ddlab.sim.network.dataplane.HostLinks} and the {@link
 * dev.ddlab.sim.network.portmapper.PortMapper}. Leaves out: overlay (with Swarm), ipvlan, iptables
 * rules, ICC and hairpin options.
 */
package dev.ddlab.sim.network.drivers;
