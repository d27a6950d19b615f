package dev.taskflux.service.grpc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;
import org.springframework.stereotype.Component;

/** Prints the gRPC port once the network server listens (useful when the port is 0, chosen by the system). */
@Component
class GrpcStartupLog {

    private static final Logger log = LoggerFactory.getLogger(GrpcStartupLog.class);

    @EventListener
    void started(GrpcServerStartedEvent event) {
        if (event.getPort() < 0) {
            return;
        }
        log.info("gRPC server listening on port {} (task, workflow and worker services, health, reflection)",
                event.getPort());
    }
}
