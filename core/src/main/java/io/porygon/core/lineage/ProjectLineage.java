package io.porygon.core.lineage;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.graph.Action;
import io.porygon.core.graph.ActionType;
import io.porygon.core.graph.DeclarationAction;
import io.porygon.core.graph.TableAction;
import io.porygon.core.graph.Target;
import io.porygon.core.sql.QueryParser;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import net.sf.jsqlparser.statement.select.Select;

/**
 * The column lineage of every action of a project, each dataset's derived from its compiled query (the full
 * rebuild's, not the incremental one). An upstream's columns, which a {@code SELECT *} expands to, come from its own
 * lineage when it is a model, else from the warehouse when there is one.
 */
public final class ProjectLineage {
    private final Map<String, Action> actions = new LinkedHashMap<>();
    private final Function<Target, Optional<String>> resolve;
    private final Function<Action, Optional<List<String>>> warehouseColumns;
    private final Map<String, ActionLineage> done = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();

    /**
     * @param resolve the id of the action a name written in a query stands for (as the table-level lineage maps it)
     * @param warehouseColumns an action's columns in the warehouse, empty when there is none or no such table
     */
    public ProjectLineage(List<Action> actions, Function<Target, Optional<String>> resolve,
                          Function<Action, Optional<List<String>>> warehouseColumns) {
        for (Action a : actions) this.actions.put(a.target().qualifiedName(), a);
        this.resolve = resolve;
        this.warehouseColumns = warehouseColumns;
    }

    /** The lineage of the action of that id (an unknown id has none). */
    public ActionLineage of(String actionId) {
        ActionLineage known = done.get(actionId);
        if (known != null) return known;
        Action a = actions.get(actionId);
        if (a == null || !inProgress.add(actionId)) return ActionLineage.NONE; // a cycle cannot run: nothing to say
        try {
            ActionLineage lineage = derive(a);
            done.put(actionId, lineage);
            return lineage;
        } finally {
            inProgress.remove(actionId);
        }
    }

    private ActionLineage derive(Action a) {
        if (a instanceof TableAction t && t.query() != null && isDataset(t.type())) {
            Select query;
            try {
                query = QueryParser.parse(t.query(), SourceLocation.of(a.fileName()));
            } catch (PorygonException e) {
                // a query the translator would refuse too: say so on the page rather than fail the docs
                return new ActionLineage(List.of(), "the query could not be parsed for lineage: " + firstLine(e.getMessage()));
            }
            try {
                return new ActionLineage(new QueryLineage(upstreams(), variables(t)).columns(query), null);
            } catch (RuntimeException e) {
                // a construct the derivation trips on: one card says so, the rest of the docs is still written
                return new ActionLineage(List.of(), "the lineage could not be derived (" + e.getClass().getSimpleName() + ": "
                        + firstLine(e.getMessage()) + ")");
            }
        }
        if (a instanceof DeclarationAction) {
            return new ActionLineage(warehouseColumns.apply(a).orElse(List.of()).stream()
                    .map(c -> new ColumnLineage(c, Derivation.NONE)).toList(), null);
        }
        return ActionLineage.NONE;
    }

    /**
     * What the pre-operations give each script variable the query may read: the sources of its DEFAULT and of every SET
     * of it, each read with the variables before it.
     */
    private Map<String, Derivation> variables(TableAction t) {
        Map<String, Derivation> variables = new HashMap<>();
        for (String op : t.preOps()) {
            List<QueryParser.Assignment> assignments;
            try {
                assignments = QueryParser.assignments(op, SourceLocation.of(t.fileName()));
            } catch (PorygonException e) {
                continue; // a pre-operation the translator refuses: the action cannot run
            }
            for (QueryParser.Assignment a : assignments) {
                Derivation value = a.value() == null ? Derivation.unresolved("the value given to the script variable " + a.name() + " could not be read")
                        : new QueryLineage(upstreams(), Map.copyOf(variables)).columns(a.value()).get(0).derivation();
                variables.merge(Scope.key(a.name()), value, (before, now) -> Derivation.merge(List.of(before, now)));
            }
        }
        return variables;
    }

    private static boolean isDataset(ActionType type) {
        return type == ActionType.TABLE || type == ActionType.VIEW || type == ActionType.INCREMENTAL;
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message);
        return text.lines().findFirst().orElse(text);
    }

    private Upstreams upstreams() {
        return new Upstreams() {
            @Override
            public Optional<String> action(Target written) {
                return resolve.apply(written);
            }

            @Override
            public Optional<List<String>> columns(String actionId) {
                Action a = actions.get(actionId);
                if (a == null) return Optional.empty();
                Optional<List<String>> own = of(actionId).names(); // a source's are the warehouse's already
                return own.isPresent() || a instanceof DeclarationAction ? own : warehouseColumns.apply(a);
            }
        };
    }
}
