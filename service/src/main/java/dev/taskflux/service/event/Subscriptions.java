package dev.taskflux.service.event;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The open subscriptions of a node, indexed by the owner their filter names: most subscribers watch
 * one owner's events, so an event is offered to the few watching its owner and to those watching
 * every owner, rather than tested against every subscriber. Safe for concurrent use.
 *
 * @param <S> a subscription
 */
final class Subscriptions<S> {

    private final Set<S> all = ConcurrentHashMap.newKeySet();
    private final Set<S> anyOwner = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<S>> byOwner = new ConcurrentHashMap<>();

    /** Adds {@code subscription}, which watches {@code owner}'s events, or every owner's if null. */
    void add(String owner, S subscription) {
        all.add(subscription);
        if (owner == null) {
            anyOwner.add(subscription);
            return;
        }
        byOwner.compute(owner, (key, set) -> {
            Set<S> watching = set == null ? ConcurrentHashMap.newKeySet() : set;
            watching.add(subscription);
            return watching;
        });
    }

    /** Removes {@code subscription}, added with {@code owner}; does nothing if it is gone already. */
    void remove(String owner, S subscription) {
        if (!all.remove(subscription)) {
            return;
        }
        if (owner == null) {
            anyOwner.remove(subscription);
            return;
        }
        byOwner.computeIfPresent(owner, (key, set) -> {
            set.remove(subscription);
            return set.isEmpty() ? null : set;
        });
    }

    /** Hands {@code action} each subscription that may want an event of {@code owner}, each once. */
    void forEachWatching(String owner, Consumer<S> action) {
        anyOwner.forEach(action);
        Set<S> watching = owner == null ? null : byOwner.get(owner);
        if (watching != null) {
            watching.forEach(action);
        }
    }

    /** Hands {@code action} every subscription. */
    void forEach(Consumer<S> action) {
        all.forEach(action);
    }

    int size() {
        return all.size();
    }

    boolean isEmpty() {
        return all.isEmpty();
    }
}
