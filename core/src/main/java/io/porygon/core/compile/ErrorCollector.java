package io.porygon.core.compile;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.graph.CompileError;
import java.util.ArrayList;
import java.util.List;

/** Gathers every error of a compile, in the order found, without duplicates. */
final class ErrorCollector {
    private final List<CompileError> errors = new ArrayList<>();

    /** One error per place and message: a model's query that a unit test evaluates again fails there once. */
    void add(SourceLocation location, String message, String hint, String actionName) {
        boolean known = errors.stream().anyMatch(e -> e.location().equals(location) && e.message().equals(message));
        if (!known) errors.add(new CompileError(location, message, hint, actionName));
    }

    void add(PorygonException e, String actionName) {
        add(e.location(), e.getMessage(), e.hint(), actionName);
    }

    List<CompileError> all() {
        return List.copyOf(errors);
    }
}
