package dev.taskflux.client;

import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.AbstractStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Configures a {@link TaskfluxClient}; every setting but the target has a default. */
public final class TaskfluxClientBuilder {

    String target;
    ManagedChannel channel;
    ChannelCredentials channelCredentials = InsecureChannelCredentials.create();
    CallCredentials callCredentials;
    final List<ClientInterceptor> interceptors = new ArrayList<>();
    Duration deadline = Duration.ofSeconds(30);
    int maxRetries = 3;
    Duration firstBackoff = Duration.ofMillis(100);
    Duration maxBackoff = Duration.ofSeconds(5);
    int maxInboundMessageSize = 4 * 1024 * 1024;

    TaskfluxClientBuilder() {
    }

    /** The service's gRPC address, such as {@code localhost:9090} or {@code dns:///taskflux:9090}. */
    public TaskfluxClientBuilder target(String target) {
        this.target = Objects.requireNonNull(target, "target");
        return this;
    }

    /** A channel to use instead of opening one; the client then does not close it. */
    public TaskfluxClientBuilder channel(ManagedChannel channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
        return this;
    }

    /** Connects with TLS (trusting the JVM's certificates) instead of plaintext. */
    public TaskfluxClientBuilder tls() {
        this.channelCredentials = TlsChannelCredentials.create();
        return this;
    }

    /** Credentials attached to every call, such as a bearer token; the hook for authentication. */
    public TaskfluxClientBuilder credentials(CallCredentials credentials) {
        this.callCredentials = credentials;
        return this;
    }

    /** An interceptor applied to every call (headers, tracing, logging). */
    public TaskfluxClientBuilder interceptor(ClientInterceptor interceptor) {
        this.interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
        return this;
    }

    /** How long one call may take, retries not included; 30 seconds by default. */
    public TaskfluxClientBuilder deadline(Duration deadline) {
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        return this;
    }

    /**
     * Retries of calls the service answered UNAVAILABLE: at most {@code maxRetries}, the first after
     * {@code firstBackoff}, doubling with jitter up to 5 s; 3 from 100 ms by default, 0 turns retrying
     * off. An event watch reconnects with the same delays but without a limit.
     */
    public TaskfluxClientBuilder retry(int maxRetries, Duration firstBackoff) {
        this.maxRetries = maxRetries;
        this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
        return this;
    }

    /** The largest answer accepted; 4 MiB by default. */
    public TaskfluxClientBuilder maxInboundMessageSize(int bytes) {
        this.maxInboundMessageSize = bytes;
        return this;
    }

    /** The client; it opens its channel now (connecting lazily). */
    public TaskfluxClient build() {
        if (channel == null && target == null) {
            throw new IllegalStateException("a target or a channel is required");
        }
        return new TaskfluxClient(this);
    }

    ManagedChannel newChannel() {
        return Grpc.newChannelBuilder(target, channelCredentials).maxInboundMessageSize(maxInboundMessageSize).build();
    }

    <S extends AbstractStub<S>> S decorate(S stub) {
        S decorated = stub.withInterceptors(interceptors.toArray(ClientInterceptor[]::new));
        return callCredentials == null ? decorated : decorated.withCallCredentials(callCredentials);
    }
}
