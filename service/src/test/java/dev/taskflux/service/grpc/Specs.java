package dev.taskflux.service.grpc;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.taskflux.proto.v1.Trigger;
import java.time.Instant;

/** Short ways to write protobuf triggers and times in tests. */
final class Specs {

    private Specs() {
    }

    static Trigger every(long seconds) {
        return Trigger.newBuilder().setInterval(Trigger.Interval.newBuilder()
                .setEvery(Duration.newBuilder().setSeconds(seconds))).build();
    }

    static Trigger cron(String expression, String timezone) {
        return Trigger.newBuilder().setCron(Trigger.Cron.newBuilder().setExpression(expression)
                .setTimezone(timezone)).build();
    }

    static Trigger immediate() {
        return Trigger.newBuilder().setImmediate(Trigger.Immediate.getDefaultInstance()).build();
    }

    static Timestamp inHours(long hours) {
        Instant at = Instant.now().plusSeconds(hours * 3600);
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).build();
    }
}
