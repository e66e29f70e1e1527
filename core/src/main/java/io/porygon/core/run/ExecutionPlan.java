package io.porygon.core.run;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The selected actions in a dependency-respecting order, ready to run. */
public record ExecutionPlan(List<PlannedAction> actions, boolean fullRefresh) {

    public ExecutionPlan {
        actions = List.copyOf(actions);
    }

    public Map<String, PlannedAction> byId() {
        return actions.stream().collect(Collectors.toMap(PlannedAction::id, Function.identity()));
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }
}
