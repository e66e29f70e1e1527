package io.porygon.core.run;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Actions could not be planned (typically SQL that cannot be translated); lists them all. One problem is told as
 * itself, so that a command can count them whatever their number.
 */
public final class PlanException extends PorygonException {
    private final List<PorygonException> problems;

    private PlanException(List<PorygonException> problems, SourceLocation location, String message, String hint, Throwable cause) {
        super(location, message, hint, cause);
        this.problems = List.copyOf(problems);
    }

    static PlanException of(List<PorygonException> problems) {
        PorygonException first = problems.get(0);
        if (problems.size() == 1) return new PlanException(problems, first.location(), first.getMessage(), first.hint(), first);
        return new PlanException(problems, null, problems.size() + " action(s) cannot run", null, null);
    }

    public List<PorygonException> problems() {
        return problems;
    }

    @Override
    public String render() {
        if (problems.size() == 1) return super.render();
        return getMessage() + ":\n" + problems.stream().map(PorygonException::render).collect(Collectors.joining("\n"));
    }
}
