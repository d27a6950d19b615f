package dev.taskflux.service.handler;

import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** Runs blocking work on a scheduler meant for it; see {@link TaskHandler#blocking}. */
final class BlockingTaskHandler implements TaskHandler {

    private final String name;
    private final Function<HandlerContext, Object> work;
    private final Scheduler scheduler;

    BlockingTaskHandler(String name, Function<HandlerContext, Object> work, Scheduler scheduler) {
        this.name = Objects.requireNonNull(name, "name");
        this.work = Objects.requireNonNull(work, "work");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Mono<Object> handle(HandlerContext context) {
        return Mono.fromCallable(() -> work.apply(context)).subscribeOn(scheduler);
    }

    @Override
    public String toString() {
        return "blocking handler '" + name + "'";
    }
}
