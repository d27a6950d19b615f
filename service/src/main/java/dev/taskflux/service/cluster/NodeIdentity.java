package dev.taskflux.service.cluster;

import dev.taskflux.service.config.TaskfluxProperties;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The name this node writes as the owner of the leases it takes. */
@Component
public class NodeIdentity {

    /** Longest node id: the width of the lease owner column. */
    public static final int MAX_LENGTH = 100;

    private final String id;
    private final boolean stable;

    public NodeIdentity(TaskfluxProperties properties) {
        String configured = properties.node().id();
        if (configured.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("taskflux.node.id must be at most " + MAX_LENGTH + " characters");
        }
        this.stable = !configured.isBlank();
        this.id = stable ? configured : "node-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This node's id. */
    public String id() {
        return id;
    }

    /** Whether the id was configured, so it survives a restart. */
    public boolean stable() {
        return stable;
    }
}
