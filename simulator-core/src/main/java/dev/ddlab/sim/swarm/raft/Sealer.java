package dev.ddlab.sim.swarm.raft;

/**
 * What the raft files' records pass through on their way to disk: swarmkit encrypts them with the
 * manager's data key (DEK). {@link #PLAIN} leaves them as they are.
 */
public interface Sealer {
  Sealer PLAIN =
      new Sealer() {
        @Override
        public byte[] seal(byte[] plain) {
          return plain;
        }

        @Override
        public byte[] open(byte[] sealed) {
          return sealed;
        }

        @Override
        public byte[] plainPrefix() {
          return new byte[0];
        }
      };

  byte[] seal(byte[] plain);

  /**
   * @throws IllegalStateException when the record cannot be opened with this key
   */
  byte[] open(byte[] sealed);

  /**
   * When sealing hides nothing now, the bytes {@link #seal} puts before the plain ones (a writer
   * may then write prefix and plain bytes itself, without the copies); else null.
   */
  default byte[] plainPrefix() {
    return null;
  }
}
