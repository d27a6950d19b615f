package dev.taskflux.service.workflow.definition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.api.error.ConflictException;
import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.api.error.NotFoundException;
import dev.taskflux.api.workflow.InputSpec;
import dev.taskflux.api.workflow.StepSpec;
import dev.taskflux.api.workflow.WorkflowDefinition;
import dev.taskflux.api.workflow.WorkflowSpec;
import dev.taskflux.service.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Definition storage on each database (run by the subclasses): versions under one id, lookups by
 * id and by name within an owner, paging, name uniqueness and soft deletion.
 */
abstract class DefinitionStorageScenarios extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    WorkflowDefinitions definitions;

    static WorkflowSpec spec(String name, String handler) {
        return WorkflowSpec.of(name,
                        StepSpec.task("first", handler).params(Map.of("path", "${inputs.path}")).build(),
                        StepSpec.waitFor("pause", Duration.ofMinutes(5)).dependsOn("first").build())
                .withInputs(InputSpec.required("path"), InputSpec.optional("limit", 10));
    }

    private WorkflowDefinition created(String name) {
        return definitions.create(owner, spec(name, "noop")).block(WAIT);
    }

    @Test
    void createdDefinitionReadsBackAsVersionOne() {
        WorkflowDefinition created = created("nightly");
        StepVerifier.create(definitions.find(created.id()))
                .assertNext(found -> {
                    assertThat(found.version()).isEqualTo(1);
                    assertThat(found.owner()).isEqualTo(owner);
                    assertThat(found.spec()).isEqualTo(spec("nightly", "noop"));
                    assertThat(found.createdAt()).isEqualTo(created.createdAt());
                })
                .expectComplete().verify(WAIT);
    }

    @Test
    void everyEditIsANewVersionAndOldVersionsStayReadable() {
        WorkflowDefinition v1 = created("edited");
        WorkflowDefinition v2 = definitions.update(v1.id(), null, spec("edited", "sleep")).block(WAIT);
        WorkflowDefinition v3 = definitions.update(v1.id(), owner, spec("renamed", "noop")).block(WAIT);
        assertThat(List.of(v2.version(), v3.version())).containsExactly(2, 3);
        assertThat(definitions.find(v1.id()).block(WAIT).spec().name()).isEqualTo("renamed");
        assertThat(definitions.find(v1.id(), 2).block(WAIT).spec().steps().get(0).handler()).isEqualTo("sleep");
        assertThat(definitions.version(v1.id(), 1).block(WAIT).spec()).isEqualTo(spec("edited", "noop"));
        StepVerifier.create(definitions.find(v1.id(), 4)).expectError(NotFoundException.class).verify(WAIT);
    }

    @Test
    void concurrentEditsGetDistinctVersions() {
        WorkflowDefinition v1 = created("busy");
        List<Integer> versions = Flux.range(0, 4)
                .flatMap(i -> definitions.update(v1.id(), null, spec("busy", i % 2 == 0 ? "noop" : "sleep")))
                .map(WorkflowDefinition::version).collectSortedList().block(WAIT);
        assertThat(versions).containsExactly(2, 3, 4, 5);
    }

    @Test
    void latestFindsByIdOrByNameWithinTheOwner() {
        WorkflowDefinition d = created("lookup");
        definitions.update(d.id(), null, spec("lookup", "sleep")).block(WAIT);
        assertThat(definitions.latest(owner, "lookup").block(WAIT).version()).isEqualTo(2);
        assertThat(definitions.latest("someone-else", d.id().toString()).block(WAIT).version()).isEqualTo(2);
        StepVerifier.create(definitions.latest("someone-else", "lookup")).expectComplete().verify(WAIT);
        StepVerifier.create(definitions.latest(owner, UUID.randomUUID().toString())).expectComplete().verify(WAIT);
    }

    @Test
    void namesAreUniquePerOwnerAmongLiveDefinitions() {
        WorkflowDefinition first = created("unique");
        StepVerifier.create(definitions.create(owner, spec("unique", "noop")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ConflictException.class)
                        .hasMessageContaining("already has a workflow named 'unique'"))
                .verify(WAIT);
        WorkflowDefinition other = created("other");
        StepVerifier.create(definitions.update(other.id(), null, spec("unique", "noop")))
                .expectError(ConflictException.class).verify(WAIT);
        assertThat(definitions.create("another-owner", spec("unique", "noop")).block(WAIT)).isNotNull();
        definitions.delete(first.id()).block(WAIT);
        assertThat(definitions.create(owner, spec("unique", "noop")).block(WAIT).version()).isEqualTo(1);
    }

    @Test
    void deletedDefinitionIsHiddenButItsVersionsStayReadableForRuns() {
        WorkflowDefinition d = created("doomed");
        definitions.delete(d.id()).block(WAIT);
        StepVerifier.create(definitions.find(d.id())).expectError(NotFoundException.class).verify(WAIT);
        StepVerifier.create(definitions.latest(owner, "doomed")).expectComplete().verify(WAIT);
        StepVerifier.create(definitions.update(d.id(), null, spec("doomed", "noop")))
                .expectError(NotFoundException.class).verify(WAIT);
        StepVerifier.create(definitions.delete(d.id())).expectError(NotFoundException.class).verify(WAIT);
        assertThat(definitions.version(d.id(), 1).block(WAIT).spec().name()).isEqualTo("doomed");
        assertThat(definitions.list(new WorkflowQuery(owner, null, 0, 50)).block(WAIT).total()).isZero();
    }

    @Test
    void listFiltersByOwnerAndNameAndPages() {
        for (String name : List.of("Daily report", "weekly report", "cleanup")) {
            created(name);
        }
        var reports = definitions.list(new WorkflowQuery(owner, "REPORT", 0, 1)).block(WAIT);
        assertThat(reports.total()).isEqualTo(2);
        assertThat(reports.items()).singleElement().satisfies(d -> assertThat(d.spec().name()).isEqualTo("weekly report"));
        var second = definitions.list(new WorkflowQuery(owner, "report", 1, 1)).block(WAIT);
        assertThat(second.items()).singleElement().satisfies(d -> assertThat(d.spec().name()).isEqualTo("Daily report"));
        assertThat(definitions.list(new WorkflowQuery(owner, "100%_", 0, 10)).block(WAIT).total()).isZero();
    }

    @Test
    void subWorkflowStepsMustNameAnExistingOtherWorkflow() {
        WorkflowDefinition child = created("child");
        WorkflowSpec parent = WorkflowSpec.of("parent",
                StepSpec.subWorkflow("byName", "child").build(),
                StepSpec.subWorkflow("byId", child.id().toString()).build(),
                StepSpec.subWorkflow("missing", "nobody").build(),
                StepSpec.subWorkflow("itself", "parent").build());
        StepVerifier.create(definitions.create(owner, parent))
                .expectErrorSatisfies(e -> assertThat(((InvalidArgumentException) e).violations())
                        .extracting(v -> v.field() + ": " + v.reason())
                        .containsExactly("steps[2].workflow: step 'missing' runs unknown workflow 'nobody'",
                                "steps[3].workflow: step 'itself' runs its own workflow"))
                .verify(WAIT);
    }
}
