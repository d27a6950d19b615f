package dev.taskflux.service.event;

/**
 * An event as stored in the event log.
 *
 * @param seq   its global sequence number, strictly increasing in the order events became visible
 * @param event the state change
 */
public record SequencedEvent(long seq, LifecycleEvent event) {
}
