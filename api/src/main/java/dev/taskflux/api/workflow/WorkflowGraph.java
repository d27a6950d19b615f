package dev.taskflux.api.workflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The dependency graph of a workflow's steps, in declaration order. Edges to unknown ids are left
 * out and a repeated id keeps its first declaration, so a graph can be built from an invalid spec
 * to find its cycles. Immutable.
 */
public final class WorkflowGraph {

    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final Map<String, Set<String>> dependencies = new LinkedHashMap<>();

    private WorkflowGraph(List<StepSpec> steps) {
        for (StepSpec step : steps) {
            if (step != null && step.id() != null && !index.containsKey(step.id())) {
                index.put(step.id(), index.size());
                dependencies.put(step.id(), new LinkedHashSet<>());
            }
        }
        for (StepSpec step : steps) {
            if (step != null && dependencies.containsKey(step.id())) {
                step.dependsOn().stream().filter(index::containsKey)
                        .forEach(dependencies.get(step.id())::add);
            }
        }
    }

    /** The graph of {@code spec}'s steps. */
    public static WorkflowGraph of(WorkflowSpec spec) {
        return new WorkflowGraph(spec.steps());
    }

    /** Whether a step called {@code id} exists. */
    public boolean contains(String id) {
        return index.containsKey(id);
    }

    /**
     * The steps every step depends on, directly or through others, in declaration order; empty for
     * an unknown id. A step on a cycle is among its own upstream steps.
     */
    public Set<String> upstreamOf(String id) {
        Set<String> found = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(dependencies.getOrDefault(id, Set.of()));
        while (!pending.isEmpty()) {
            String next = pending.pop();
            if (found.add(next)) {
                pending.addAll(dependencies.get(next));
            }
        }
        return found;
    }

    /**
     * Every step after all its dependencies; among steps ready at the same time, the one declared
     * first comes first, so the order is deterministic.
     *
     * @throws IllegalStateException if the steps depend on each other in a cycle
     */
    public List<String> topologicalOrder() {
        List<String> ids = new ArrayList<>(index.keySet());
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        dependencies.forEach((id, deps) -> {
            waiting.put(id, deps.size());
            deps.forEach(dep -> dependents.computeIfAbsent(dep, d -> new ArrayList<>()).add(id));
        });
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        waiting.forEach((id, count) -> {
            if (count == 0) {
                ready.add(index.get(id));
            }
        });
        List<String> order = new ArrayList<>(ids.size());
        while (!ready.isEmpty()) {
            String id = ids.get(ready.poll());
            order.add(id);
            for (String dependent : dependents.getOrDefault(id, List.of())) {
                if (waiting.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(index.get(dependent));
                }
            }
        }
        if (order.size() < ids.size()) {
            throw new IllegalStateException("steps depend on each other in a cycle: " + cycles());
        }
        return order;
    }

    /**
     * One cycle through each group of steps that depend on each other, as the path of ids from the
     * group's first-declared step back to itself, each depending on the next: {@code [a, b, a]}
     * means a depends on b and b on a. Empty for an acyclic graph.
     */
    public List<List<String>> cycles() {
        List<List<String>> cycles = new ArrayList<>();
        for (Set<String> group : new StronglyConnected(dependencies).groups()) {
            String start = group.iterator().next();
            if (group.size() > 1 || dependencies.get(start).contains(start)) {
                cycles.add(pathBack(start, group));
            }
        }
        cycles.sort((a, b) -> Integer.compare(index.get(a.get(0)), index.get(b.get(0))));
        return cycles;
    }

    /** The shortest path from {@code start} back to itself inside {@code group}. */
    private List<String> pathBack(String start, Set<String> group) {
        Map<String, String> reachedFrom = new HashMap<>();
        Deque<String> pending = new ArrayDeque<>(List.of(start));
        while (!pending.isEmpty()) {
            String at = pending.poll();
            if (dependencies.get(at).contains(start)) {
                List<String> path = new ArrayList<>(List.of(start));
                for (String step = at; !step.equals(start); step = reachedFrom.get(step)) {
                    path.add(1, step);
                }
                path.add(start);
                return path;
            }
            for (String next : dependencies.get(at)) {
                if (group.contains(next) && !next.equals(start) && reachedFrom.putIfAbsent(next, at) == null) {
                    pending.add(next);
                }
            }
        }
        throw new IllegalStateException("no cycle through " + start);
    }
}
