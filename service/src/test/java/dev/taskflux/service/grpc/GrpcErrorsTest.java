package dev.taskflux.service.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.api.error.AlreadyExistsException;
import dev.taskflux.api.error.ConflictException;
import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.api.error.NotFoundException;
import io.grpc.Status;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;

/** Each error kind maps to its status, and nothing internal leaks into an INTERNAL status. */
class GrpcErrorsTest {

    @Test
    void mapsTheErrorHierarchyToStatusCodes() {
        assertThat(code(InvalidArgumentException.of("name", "is required"))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(new NotFoundException("task", "x"))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(code(new AlreadyExistsException("noop", "built in"))).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(code(new ConflictException("x", "cancelled"))).isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void storageThatCannotAnswerNowIsUnavailable() {
        assertThat(code(new TransientDataAccessResourceException("deadlock victim"))).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(code(new R2dbcTransientResourceException("pool exhausted"))).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(code(new IllegalStateException("wrapped", new R2dbcNonTransientResourceException("refused"))))
                .isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void unexpectedErrorsAreInternalWithoutDetails() {
        Status status = GrpcErrors.status(new IllegalStateException("secret table name")).getStatus();

        assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getDescription()).doesNotContain("secret");
    }

    private static Status.Code code(Throwable error) {
        return GrpcErrors.status(error).getStatus().getCode();
    }
}
