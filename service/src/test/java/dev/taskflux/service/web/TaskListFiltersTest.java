package dev.taskflux.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;

/** {@code GET /tasks}: filters by status, owner, name and label, newest first, with page totals. */
class TaskListFiltersTest extends RestTest {

    private static final ParameterizedTypeReference<PageOf<Map<String, Object>>> PAGE =
            new ParameterizedTypeReference<>() {
            };

    @Test
    void filtersByStatusOwnerNameAndLabel() {
        Object nightly = labelled("Nightly-Report", "{\"env\":\"prod\",\"team\":\"ops\"}");
        Object weekly = labelled("weekly report", "{\"env\":\"dev\"}");
        Object cleanup = labelled("cleanup", "{\"team\":\"ops\"}");
        web.post().uri("/tasks/{id}/pause", cleanup).exchange().expectStatus().isOk();
        String stranger = "stranger-" + UUID.randomUUID();
        Object foreign = postJson("/tasks", """
                {"owner":"%s","name":"Nightly-Report","handler":"noop","labels":{"env":"prod"},
                 "trigger":{"type":"interval","every":"PT1H","initialDelay":"PT1H"}}""".formatted(stranger))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        try {
            assertThat(ids("owner=" + owner)).containsExactly(cleanup, weekly, nightly);
            assertThat(ids("owner=" + stranger)).containsExactly(foreign);
            assertThat(ids("owner=" + owner + "&status=PAUSED")).containsExactly(cleanup);
            assertThat(ids("owner=" + owner + "&status=ACTIVE")).containsExactly(weekly, nightly);
            assertThat(ids("owner=" + owner + "&status=CANCELLED")).isEmpty();
            assertThat(ids("owner=" + owner + "&name=REPORT")).containsExactly(weekly, nightly);
            assertThat(ids("owner=" + owner + "&name=ly rep")).containsExactly(weekly);
            assertThat(ids("owner=" + owner + "&label=env=prod")).containsExactly(nightly);
            assertThat(ids("owner=" + owner + "&label=team")).containsExactly(cleanup, nightly);
            assertThat(ids("owner=" + owner + "&label=team=dev")).isEmpty();
            assertThat(ids("owner=" + owner + "&name=report&label=env=dev")).containsExactly(weekly);
            assertThat(ids("name=nightly-report&label=env=prod")).contains(nightly, foreign).doesNotContain(weekly);
        } finally {
            web.delete().uri("/tasks/{id}", foreign).exchange().expectStatus().isNoContent();
        }
    }

    @Test
    void nameFilterTakesWildcardsLiterally() {
        Object percent = quietTask("100% done").get("id");
        Object underscore = quietTask("snake_case").get("id");
        quietTask("plain");
        assertThat(ids("owner=" + owner + "&name={n}", "%")).containsExactly(percent);
        assertThat(ids("owner=" + owner + "&name={n}", "_")).containsExactly(underscore);
    }

    @Test
    void pagesCountEveryMatch() {
        List<Object> created = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(quietTask("page-" + i).get("id"));
        }
        PageOf<Map<String, Object>> first = page("owner=" + owner + "&size=2");
        assertThat(first.page()).isZero();
        assertThat(first.size()).isEqualTo(2);
        assertThat(first.total()).isEqualTo(5);
        assertThat(idsOf(first)).containsExactly(created.get(4), created.get(3));
        assertThat(idsOf(page("owner=" + owner + "&size=2&page=1"))).containsExactly(created.get(2), created.get(1));
        PageOf<Map<String, Object>> last = page("owner=" + owner + "&size=2&page=2");
        assertThat(last.page()).isEqualTo(2);
        assertThat(last.total()).isEqualTo(5);
        assertThat(idsOf(last)).containsExactly(created.get(0));
        PageOf<Map<String, Object>> beyond = page("owner=" + owner + "&size=2&page=3");
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(5);
        PageOf<Map<String, Object>> defaults = page("owner=" + owner);
        assertThat(defaults.page()).isZero();
        assertThat(defaults.size()).isEqualTo(50);
        assertThat(defaults.items()).hasSize(5);
        assertThat(page("owner=" + owner + "&status=PAUSED&size=2").total()).isZero();
    }

    private Object labelled(String name, String labels) {
        return create("""
                {"name":"%s","handler":"noop","labels":%s,
                 "trigger":{"type":"interval","every":"PT1H","initialDelay":"PT1H"}}""".formatted(name, labels))
                .get("id");
    }

    private List<Object> ids(String query, Object... vars) {
        return idsOf(page(query, vars));
    }

    private PageOf<Map<String, Object>> page(String query, Object... vars) {
        return web.get().uri("/tasks?" + query, vars).exchange().expectStatus().isOk()
                .expectBody(PAGE).returnResult().getResponseBody();
    }

    private static List<Object> idsOf(PageOf<Map<String, Object>> page) {
        return page.items().stream().map(item -> item.get("id")).toList();
    }
}
