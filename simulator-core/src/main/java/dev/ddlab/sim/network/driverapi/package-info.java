/**
 * libnetwork's {@code driverapi} and {@code drvregistry}: the driver SPI (create/delete network and
 * endpoint, join/leave, external connectivity) and the registry that finds a driver by name.
 * Drivers see IDs, never names or containers. Leaves out: plugins, discovery, the table events
 * overlay uses (they come with it).
 */
package dev.ddlab.sim.network.driverapi;
