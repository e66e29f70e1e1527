package io.porygon.core.graph;

import java.util.List;

/** One compiled action. The set is closed: these are Dataform's action kinds. */
public sealed interface Action
        permits TableAction, OperationAction, AssertionAction, DeclarationAction, TestAction {

    Target target();

    ActionType type();

    /** Project-relative path of the file that defined it, e.g. definitions/users_dim.sqlx. */
    String fileName();

    /** The line in {@link #fileName()} of the first non-blank line of the action's SQL (for located errors). */
    int sqlStartLine();

    List<Target> dependencyTargets();

    List<String> tags();

    boolean disabled();
}
