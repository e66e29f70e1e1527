package io.porygon.core.run;

import java.util.List;

/**
 * What {@code porygon run} was asked to do. Empty {@code actions} and {@code tags} select every
 * action; otherwise the union of the named actions and the tagged ones, widened by
 * {@code includeDeps} (everything they depend on) and {@code includeDependents} (everything that
 * depends on them).
 */
public record RunOptions(
        boolean fullRefresh, List<String> actions, List<String> tags, boolean includeDeps, boolean includeDependents) {

    public RunOptions {
        actions = List.copyOf(actions);
        tags = List.copyOf(tags);
    }

    public static RunOptions all() {
        return new RunOptions(false, List.of(), List.of(), false, false);
    }

    public RunOptions withFullRefresh(boolean value) {
        return new RunOptions(value, actions, tags, includeDeps, includeDependents);
    }

    boolean selectsEverything() {
        return actions.isEmpty() && tags.isEmpty();
    }
}
