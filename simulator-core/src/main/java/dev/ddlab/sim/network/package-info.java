/**
 * Networking of one node in libnetwork's words (the Container Network Model). {@link
 * dev.ddlab.sim.network.NetworkController} is the face the daemon, the Engine API and processes
 * call; behind it {@link dev.ddlab.sim.network.Network}, {@link dev.ddlab.sim.network.Endpoint},
 * {@link dev.ddlab.sim.network.Sandbox} (one per running container), the embedded DNS ({@code
 * Resolver}), drivers found by name ({@code driverapi}, {@code drivers}), the default IPAM ({@code
 * ipamapi}, {@code ipam}), docker-proxy's port mapper ({@code portmapper}) and the data plane that
 * carries traffic ({@code dataplane}). Mirrors moby's {@code libnetwork} ({@code controller.go},
 * {@code network.go}, {@code endpoint.go}, {@code sandbox.go}, {@code resolver.go}) and the
 * daemon's {@code container_operations.go}; docs/design/networking.md maps each class. Leaves out:
 * overlay and ipvlan drivers, IPv6, iptables, frames and packets, /etc/hosts and resolv.conf files.
 */
package dev.ddlab.sim.network;
