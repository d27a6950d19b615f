package dev.taskflux.service.handler;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The first bytes of a response body. Reading keeps at most {@code limit} bytes and cancels the
 * body as soon as more arrive, so a huge (or endless) body costs no more memory than the limit.
 *
 * @param bytes     at most the limit's worth of the body
 * @param truncated whether the body went on past the limit
 */
record BoundedBody(byte[] bytes, boolean truncated) {

    /** Reads up to {@code limit} bytes of {@code body}, releasing every buffer. */
    static Mono<BoundedBody> read(Flux<DataBuffer> body, int limit) {
        return Mono.defer(() -> {
            Accumulator accumulator = new Accumulator(limit);
            // Map each buffer to a flag rather than pass it on: then() would discard, so release, it again.
            return body.map(accumulator::take)
                    .takeUntil(truncated -> truncated)
                    .then(Mono.fromSupplier(accumulator::result));
        }).doOnDiscard(DataBuffer.class, DataBufferUtils::release);
    }

    /** The body decoded as {@code charset}; a character cut by truncation decodes as U+FFFD. */
    String text(Charset charset) {
        return new String(bytes, charset);
    }

    private static final class Accumulator {

        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private boolean truncated;

        Accumulator(int limit) {
            this.limit = limit;
        }

        /** Keeps what fits of {@code buffer}, releases it, and reports whether the body overflowed. */
        boolean take(DataBuffer buffer) {
            try {
                int readable = buffer.readableByteCount();
                int room = limit - kept.size();
                byte[] chunk = new byte[Math.min(readable, room)];
                buffer.read(chunk);
                kept.write(chunk, 0, chunk.length);
                truncated |= readable > room;
                return truncated;
            } finally {
                DataBufferUtils.release(buffer);
            }
        }

        BoundedBody result() {
            return new BoundedBody(kept.toByteArray(), truncated);
        }
    }
}
