package dev.taskflux.proto.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;


class InboundStreamTest {

    @Test
    void anErrorBeforeTheSubscriptionReachesTheSubscriber() {
        InboundStream<String> stream = new InboundStream<>(n -> { }, () -> { });
        stream.onError(Status.ALREADY_EXISTS.asRuntimeException());

        StepVerifier.create(stream.flux())
                .expectErrorSatisfies(e -> assertThat(Status.fromThrowable(e).getCode())
                        .isEqualTo(Status.Code.ALREADY_EXISTS))
                .verify();
    }

    @Test
    void aCompletionBeforeTheSubscriptionReachesTheSubscriber() {
        InboundStream<String> stream = new InboundStream<>(n -> { }, () -> { });
        stream.onCompleted();

        StepVerifier.create(stream.flux()).verifyComplete();
    }

    @Test
    void messagesAreRequestedFromTheTransportOnlyAsTheSubscriberAsks() {
        AtomicLong requested = new AtomicLong();
        InboundStream<String> stream = new InboundStream<>(requested::addAndGet, () -> { });

        StepVerifier.create(stream.flux(), 2)
                .then(() -> assertThat(requested).hasValue(2))
                .then(() -> stream.onNext("a"))
                .expectNext("a")
                .thenCancel()
                .verify();
    }
}
