package io.porygon.core.run;

import io.porygon.core.PorygonException;
import java.util.List;
import java.util.stream.Collectors;

/** Several actions could not be planned (typically SQL that cannot be translated); lists them all. */
public final class PlanException extends PorygonException {
    private final List<PorygonException> problems;

    private PlanException(List<PorygonException> problems) {
        super(null, problems.size() + " action(s) cannot run", null);
        this.problems = List.copyOf(problems);
    }

    static PorygonException of(List<PorygonException> problems) {
        return problems.size() == 1 ? problems.get(0) : new PlanException(problems);
    }

    public List<PorygonException> problems() {
        return problems;
    }

    @Override
    public String render() {
        return getMessage() + ":\n" + problems.stream().map(PorygonException::render).collect(Collectors.joining("\n"));
    }
}
