package dev.taskflux.service.cluster;

import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;

/**
 * A loop this node runs in the background while the application runs: started with the context,
 * disposed when it stops. Subclasses say how to start it.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

    private Disposable loop;

    /** Subscribes the loop; {@code null} when it should not run on this node. */
    protected abstract Disposable startLoop();

    @Override
    public final synchronized void start() {
        loop = startLoop();
    }

    @Override
    public final synchronized void stop() {
        if (loop != null) {
            loop.dispose();
            loop = null;
        }
    }

    @Override
    public final synchronized boolean isRunning() {
        return loop != null;
    }
}
