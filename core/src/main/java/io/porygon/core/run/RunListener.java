package io.porygon.core.run;

/** Follows a run as it happens (progress output). Called from the runner's coordinating thread. */
public interface RunListener {
    default void runStarted(ExecutionPlan plan) {}

    default void actionStarted(PlannedAction action) {}

    default void actionFinished(PlannedAction action, ActionResult result) {}

    default void runFinished(RunResult result) {}

    RunListener NONE = new RunListener() {};
}
