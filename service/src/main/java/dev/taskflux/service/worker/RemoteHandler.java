package dev.taskflux.service.worker;

import dev.taskflux.service.handler.HandlerContext;
import dev.taskflux.service.handler.TaskHandler;
import reactor.core.publisher.Mono;

/**
 * Stands in the handler registry for a name remote workers serve: each attempt goes to a connected
 * worker with free capacity. Disposing the attempt tells the worker to stop it.
 */
final class RemoteHandler implements TaskHandler {

    private final String name;
    private final WorkerPool pool;

    RemoteHandler(String name, WorkerPool pool) {
        this.name = name;
        this.pool = pool;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Mono<Object> handle(HandlerContext context) {
        return pool.run(context);
    }

    @Override
    public Mono<Void> ready() {
        return pool.ready(name);
    }

    @Override
    public boolean available() {
        return pool.serving(name);
    }

    @Override
    public String toString() {
        return "remote handler '" + name + "'";
    }
}
