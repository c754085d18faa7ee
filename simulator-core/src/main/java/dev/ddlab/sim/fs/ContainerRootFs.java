package dev.ddlab.sim.fs;

import dev.ddlab.engine.dto.ChangeItem;
import dev.ddlab.fs.Disk;
import dev.ddlab.fs.FileSystem;
import java.util.List;

/**
 * A container's root filesystem: read-only image layers under one writable layer (overlay2). Writes
 * copy up; deletes of lower files leave whiteouts. Survives stop/start; gone with rm.
 */
public interface ContainerRootFs extends FileSystem {
  /** What docker diff shows: paths added (A), changed (C) or deleted (D) in the upper layer. */
  List<ChangeItem> changes();

  /** Bytes in the writable layer (docker ps -s "size"). */
  long sizeRw();

  /** Bytes of the image's layers (docker ps -s "virtual"). */
  long sizeRootFs();

  /**
   * Puts the writable layer on the node's disk (null: takes it off, giving its bytes back, as
   * {@code docker rm} does).
   */
  void disk(Disk d);

  /** Bytes written into the writable layer since it was made (docker stats' BLOCK I/O writes). */
  long bytesWritten();
}
