package io.porygon.core.run;

/** How an action of a run ended. */
public enum ActionStatus {
    SUCCEEDED,
    FAILED,
    /** Not run because something it waits for failed. */
    SKIPPED,
    /** Disabled in its config. */
    DISABLED,
    /** Stopped or never started because the run was interrupted. */
    CANCELLED;

    /** Whether actions waiting for this one may run. */
    public boolean letsDependentsRun() {
        return this == SUCCEEDED || this == DISABLED;
    }
}
