/**
 * libnetwork's default IPAM ({@code ipams/defaultipam}) and the default local pools ({@code
 * ipamutils}). Leaves out: the global (swarm) address space, IPv6, serial allocation, remote IPAM
 * plugins.
 */
package dev.ddlab.sim.network.ipam;
