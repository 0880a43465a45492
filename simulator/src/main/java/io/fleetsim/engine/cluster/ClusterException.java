package io.fleetsim.engine.cluster;

/** A clustered run cannot go on: agents did not come, did not answer, or the cluster could not be joined. */
public final class ClusterException extends RuntimeException {

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
