package dev.taskflux.service.cluster;

import reactor.core.publisher.Mono;

/** Removes finished history older than its retention age; the retention schedule runs every bean of it. */
public interface HistoryPurge {

    /** Removes what retention allows now; emits how many records were removed. */
    Mono<Long> purge();

    /** What it removes, in words for the log, such as {@code finished instances}. */
    String removes();
}
