package dev.taskflux.api.workflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Tarjan's strongly connected components of a dependency graph, each in declaration order. */
final class StronglyConnected {

    private final Map<String, Set<String>> edges;
    private final Map<String, Integer> order = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new LinkedHashSet<>();
    private final List<Set<String>> groups = new ArrayList<>();
    private final List<String> declared;

    StronglyConnected(Map<String, Set<String>> edges) {
        this.edges = edges;
        this.declared = new ArrayList<>(edges.keySet());
    }

    /** Every component; a step on no cycle is a component of its own. */
    List<Set<String>> groups() {
        for (String id : declared) {
            if (!order.containsKey(id)) {
                visit(id);
            }
        }
        return groups;
    }

    // recursion depth is bounded by the number of steps, which the validator caps
    private void visit(String id) {
        order.put(id, order.size());
        low.put(id, order.get(id));
        stack.push(id);
        onStack.add(id);
        for (String next : edges.get(id)) {
            if (!order.containsKey(next)) {
                visit(next);
                low.put(id, Math.min(low.get(id), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(id, Math.min(low.get(id), order.get(next)));
            }
        }
        if (low.get(id).equals(order.get(id))) {
            List<String> members = new ArrayList<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                members.add(member);
            } while (!member.equals(id));
            members.sort((a, b) -> Integer.compare(declared.indexOf(a), declared.indexOf(b)));
            groups.add(new LinkedHashSet<>(members));
        }
    }
}
