package dev.taskflux.service.grpc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** The status a failing call ends with, and the field violations it carries. */
final class Statuses {

    private Statuses() {
    }

    /** The status {@code call} fails with; fails the test if it succeeds. */
    static Status of(Runnable call) {
        return error(call).getStatus();
    }

    /** The error {@code call} fails with; fails the test if it succeeds. */
    static StatusRuntimeException error(Runnable call) {
        AtomicReference<StatusRuntimeException> error = new AtomicReference<>();
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, error::set);
        return error.get();
    }

    /** The {@code field: description} pairs of the BadRequest details of {@code call}'s error. */
    static List<String> violations(Runnable call) {
        StatusRuntimeException e = error(call);
        return StatusProto.fromThrowable(e).getDetailsList().stream().filter(any -> any.is(BadRequest.class))
                .flatMap(any -> {
                    try {
                        return any.unpack(BadRequest.class).getFieldViolationsList().stream();
                    } catch (com.google.protobuf.InvalidProtocolBufferException malformed) {
                        throw new AssertionError(malformed);
                    }
                })
                .map(v -> v.getField() + ": " + v.getDescription()).toList();
    }
}
