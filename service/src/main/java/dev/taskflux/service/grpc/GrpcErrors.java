package dev.taskflux.service.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import dev.taskflux.api.error.AlreadyExistsException;
import dev.taskflux.api.error.ConflictException;
import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.api.error.NotFoundException;
import dev.taskflux.api.error.TaskfluxException;
import dev.taskflux.service.event.SlowSubscriberException;
import dev.taskflux.service.storage.TransientFailures;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.stereotype.Component;
import reactor.core.Exceptions;

/**
 * The one place errors become gRPC statuses: invalid input is INVALID_ARGUMENT with a
 * {@code google.rpc.BadRequest} naming each field, a missing resource NOT_FOUND, a duplicate
 * ALREADY_EXISTS, an impossible transition FAILED_PRECONDITION, a database that cannot answer now
 * UNAVAILABLE (worth retrying); anything unexpected is logged and answered with an INTERNAL status
 * that reveals nothing internal; an event stream whose client fell behind RESOURCE_EXHAUSTED with the
 * sequence to resume after. Also handles what a service method throws outright.
 */
@Component
class GrpcErrors implements GrpcExceptionHandler {

    /** The trailer of an event stream's end that names the sequence to resume after. */
    static final Metadata.Key<String> RESUME_AFTER = Metadata.Key.of("taskflux-resume-after",
            Metadata.ASCII_STRING_MARSHALLER);

    private static final Logger log = LoggerFactory.getLogger(GrpcErrors.class);

    /** The status for {@code error}. */
    static StatusRuntimeException status(Throwable error) {
        Throwable e = Exceptions.unwrap(error);
        if (e instanceof StatusRuntimeException status) {
            return status;
        }
        if (e instanceof StatusException status) {
            return status.getStatus().asRuntimeException(status.getTrailers());
        }
        if (e instanceof SlowSubscriberException slow) {
            return resumable(Status.RESOURCE_EXHAUSTED, slow.getMessage(), slow.lastDelivered());
        }
        if (e instanceof InvalidArgumentException invalid) {
            return badRequest(invalid);
        }
        if (e instanceof NotFoundException) {
            return Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException();
        }
        if (e instanceof AlreadyExistsException) {
            return Status.ALREADY_EXISTS.withDescription(e.getMessage()).asRuntimeException();
        }
        if (e instanceof ConflictException) {
            return Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException();
        }
        if (e instanceof TaskfluxException) {
            return Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
        }
        if (unavailable(e)) {
            log.warn("Storage unavailable: {}", e.toString());
            return Status.UNAVAILABLE.withDescription("the database cannot answer now; try again").asRuntimeException();
        }
        log.error("Unexpected error", e);
        return Status.INTERNAL.withDescription("the request could not be completed").asRuntimeException();
    }

    /**
     * A status that ends an event stream the client should watch again after {@code resumeAfter},
     * which the trailer {@link #RESUME_AFTER} carries.
     */
    static StatusRuntimeException resumable(Status status, String reason, long resumeAfter) {
        Metadata trailers = new Metadata();
        trailers.put(RESUME_AFTER, Long.toString(resumeAfter));
        String description = reason.contains("resume after") ? reason : reason + "; resume after sequence " + resumeAfter;
        return status.withDescription(description).asRuntimeException(trailers);
    }

    @Override
    public StatusException handleException(Throwable error) {
        StatusRuntimeException status = status(error);
        return new StatusException(status.getStatus(), status.getTrailers());
    }

    private static StatusRuntimeException badRequest(InvalidArgumentException invalid) {
        BadRequest.Builder details = BadRequest.newBuilder();
        invalid.violations().forEach(v -> details.addFieldViolations(
                BadRequest.FieldViolation.newBuilder().setField(v.field()).setDescription(v.reason())));
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE).setMessage(invalid.getMessage())
                .addDetails(Any.pack(details.build())).build());
    }

    private static boolean unavailable(Throwable error) {
        if (TransientFailures.isTransient(error)) {
            return true;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof R2dbcNonTransientResourceException || t instanceof DataAccessResourceFailureException
                    || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
