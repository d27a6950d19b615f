package dev.taskflux.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Counts the warnings and errors the service logs, so a run that looked fast but logged failures
 * says so. Attached once Spring Boot has set up logging, before the context refreshes.
 */
final class LogAlarms implements ApplicationListener<ApplicationPreparedEvent> {

    private static final int KEPT = 5;

    private final AtomicInteger warnings = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final List<String> first = new CopyOnWriteArrayList<>();
    private final Counter counter = new Counter();

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        counter.setContext(root().getLoggerContext());
        counter.start();
        root().addAppender(counter);
    }

    /** Stops counting. */
    void detach() {
        root().detachAppender(counter);
        counter.stop();
    }

    int warnings() {
        return warnings.get();
    }

    int errors() {
        return errors.get();
    }

    /** The first few warnings and errors, as logger and message. */
    List<String> first() {
        return List.copyOf(first);
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    }

    private final class Counter extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            if (!event.getLevel().isGreaterOrEqual(Level.WARN)) {
                return;
            }
            (event.getLevel().isGreaterOrEqual(Level.ERROR) ? errors : warnings).incrementAndGet();
            if (first.size() < KEPT) {
                first.add(event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage());
            }
        }
    }
}
