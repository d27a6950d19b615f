package dev.taskflux.client;

import com.google.rpc.BadRequest;
import dev.taskflux.api.error.AlreadyExistsException;
import dev.taskflux.api.error.ConflictException;
import dev.taskflux.api.error.FieldViolation;
import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.api.error.NotFoundException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;

/**
 * Statuses the service answers with, as the api error types: INVALID_ARGUMENT is
 * {@link InvalidArgumentException} with the service's field violations, NOT_FOUND
 * {@link NotFoundException}, ALREADY_EXISTS {@link AlreadyExistsException}, FAILED_PRECONDITION
 * {@link ConflictException}; other statuses stay {@link StatusRuntimeException}.
 */
final class ClientErrors {

    private ClientErrors() {
    }

    static Throwable map(Throwable error, String kind, Object id) {
        if (!(error instanceof StatusRuntimeException status)) {
            return error;
        }
        String message = status.getStatus().getDescription();
        return switch (status.getStatus().getCode()) {
            case INVALID_ARGUMENT -> new InvalidArgumentException(violations(status));
            case NOT_FOUND -> notFound(message, kind, id);
            case ALREADY_EXISTS -> new AlreadyExistsException(id, message);
            case FAILED_PRECONDITION -> new ConflictException(id, message);
            default -> error;
        };
    }

    /** Whether trying again may help: the service or the network could not answer now. */
    static boolean isTransient(Throwable error) {
        return error instanceof StatusRuntimeException status
                && status.getStatus().getCode() == Status.Code.UNAVAILABLE;
    }

    private static NotFoundException notFound(String message, String kind, Object id) {
        if (message != null && message.endsWith(" not found")) {
            String[] words = message.split(" ");
            if (words.length == 4) {
                return new NotFoundException(words[0], words[1]);
            }
        }
        return new NotFoundException(kind, id);
    }

    private static List<FieldViolation> violations(StatusRuntimeException status) {
        List<FieldViolation> found = new ArrayList<>();
        com.google.rpc.Status details = StatusProto.fromThrowable(status);
        if (details != null) {
            details.getDetailsList().stream().filter(any -> any.is(BadRequest.class)).forEach(any -> {
                try {
                    any.unpack(BadRequest.class).getFieldViolationsList()
                            .forEach(v -> found.add(new FieldViolation(v.getField(), v.getDescription())));
                } catch (com.google.protobuf.InvalidProtocolBufferException malformed) {
                    // fall back to the status message below
                }
            });
        }
        if (found.isEmpty()) {
            found.add(new FieldViolation("request", String.valueOf(status.getStatus().getDescription())));
        }
        return found;
    }
}
