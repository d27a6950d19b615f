package dev.taskflux.service.event;

/** Every kind of state change Taskflux reports. */
public enum EventType {
    TASK_CREATED,
    TASK_UPDATED,
    TASK_PAUSED,
    TASK_RESUMED,
    TASK_COMPLETED,
    TASK_CANCELLED,
    TASK_DELETED,
    INSTANCE_PENDING,
    INSTANCE_SKIPPED,
    INSTANCE_STARTED,
    INSTANCE_RETRYING,
    INSTANCE_COMPLETED,
    INSTANCE_FAILED,
    INSTANCE_TIMED_OUT,
    INSTANCE_CANCELLED
}
