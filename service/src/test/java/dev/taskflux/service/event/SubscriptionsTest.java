package dev.taskflux.service.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {

    private final Subscriptions<String> subscriptions = new Subscriptions<>();

    @Test
    void anEventReachesTheSubscriptionsOfItsOwnerAndThoseOfEveryOwnerOnce() {
        subscriptions.add("ann", "ann-1");
        subscriptions.add("ann", "ann-2");
        subscriptions.add("bob", "bob-1");
        subscriptions.add(null, "everyone");

        assertThat(watching("ann")).containsExactlyInAnyOrder("ann-1", "ann-2", "everyone");
        assertThat(watching("bob")).containsExactlyInAnyOrder("bob-1", "everyone");
        assertThat(watching("carl")).containsExactly("everyone");
        assertThat(watching(null)).containsExactly("everyone");
        assertThat(subscriptions.size()).isEqualTo(4);
    }

    @Test
    void aRemovedSubscriptionGetsNothingMoreAndRemovingTwiceIsHarmless() {
        subscriptions.add("ann", "ann-1");
        subscriptions.add(null, "everyone");

        subscriptions.remove("ann", "ann-1");
        subscriptions.remove("ann", "ann-1");
        subscriptions.remove(null, "everyone");

        assertThat(watching("ann")).isEmpty();
        assertThat(subscriptions.isEmpty()).isTrue();
        subscriptions.add("ann", "ann-2");
        assertThat(watching("ann")).containsExactly("ann-2");
    }

    @Test
    void everySubscriptionIsVisitedWhateverItsOwner() {
        subscriptions.add("ann", "ann-1");
        subscriptions.add(null, "everyone");
        List<String> all = new ArrayList<>();

        subscriptions.forEach(all::add);

        assertThat(all).containsExactlyInAnyOrder("ann-1", "everyone");
    }

    private List<String> watching(String owner) {
        List<String> reached = new ArrayList<>();
        subscriptions.forEachWatching(owner, reached::add);
        return reached;
    }
}
