package dev.taskflux.client;

import io.grpc.Channel;
import io.grpc.ManagedChannel;

/** Facts about the channels the SDK is given. */
final class Channels {

    private Channels() {
    }

    /**
     * Whether {@code channel} was shut down: calls on it fail at once, and watching or connecting
     * again cannot help.
     */
    static boolean shutDown(Channel channel) {
        return channel instanceof ManagedChannel managed && managed.isShutdown();
    }
}
