package dev.taskflux.service.grpc;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/** Remembers the port the gRPC network server listens on. */
@TestConfiguration(proxyBeanMethods = false)
public class GrpcPortProbe {

    private volatile int port = -1;

    @EventListener
    void started(GrpcServerStartedEvent event) {
        if (event.getPort() > 0) {
            port = event.getPort();
        }
    }

    /** The port; fails if the server has not started. */
    public int port() {
        if (port < 0) {
            throw new IllegalStateException("the gRPC server has not started");
        }
        return port;
    }
}
