package dev.taskflux.service.handler;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/** Delegates to another scheduler and counts the delayed tasks scheduled and disposed. */
final class RecordingScheduler implements Scheduler {

    private final Scheduler delegate;
    final AtomicInteger delayed = new AtomicInteger();
    final AtomicInteger disposed = new AtomicInteger();

    RecordingScheduler(Scheduler delegate) {
        this.delegate = delegate;
    }

    @Override
    public Disposable schedule(Runnable task) {
        return delegate.schedule(task);
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        delayed.incrementAndGet();
        Disposable scheduled = delegate.schedule(task, delay, unit);
        return () -> {
            disposed.incrementAndGet();
            scheduled.dispose();
        };
    }

    @Override
    public long now(TimeUnit unit) {
        return delegate.now(unit);
    }

    @Override
    public Worker createWorker() {
        return delegate.createWorker();
    }
}
