package io.porygon.cli;

import io.porygon.core.Porygon;
import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.compile.project.SettingsOverrides;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.graph.DeclarationAction;
import io.porygon.core.graph.Target;
import io.porygon.core.run.WarehouseNames;
import io.porygon.core.run.WarehouseRunStore;
import io.porygon.thelook.RawTable;
import io.porygon.thelook.RawTables;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The warehouse schema a project reads The Look's raw tables from: where its declarations of those
 * tables land under the warehouse's database mapping (with {@code prefix},
 * {@code bigquery-public-data.thelook_ecommerce} is {@code bigquery_public_data_thelook_ecommerce}),
 * so generate writes where run reads.
 */
final class RawTablesSchema {
    private static final Set<String> RAW_NAMES = RawTables.ALL.stream().map(RawTable::name).collect(Collectors.toSet());

    private RawTablesSchema() {}

    /**
     * {@code explicit} (--schema), else where the project's declarations read the raw tables under this
     * warehouse's database mapping (so generate and load write where run reads), else the public dataset's name.
     */
    static String resolve(String explicit, WarehouseOptions warehouse, ProjectDirectory project, WarehouseOptions.Resolved settings,
            SettingsOverrides overrides, PrintWriter err) {
        if (explicit != null) {
            if (explicit.equalsIgnoreCase(WarehouseRunStore.SCHEMA)) {
                // the run history's tables live there, and a run refuses to write there
                throw new PorygonException(SourceLocation.of("--schema"), "schema " + explicit + " holds Porygon's run history, not raw tables",
                        "name another schema, e.g. --schema " + RawTables.DEFAULT_SCHEMA + ", or drop --schema to use the one the project reads");
            }
            return explicit;
        }
        Optional<Path> dir = warehouse.warehouse == null ? Optional.of(project.resolve()) : project.find();
        if (dir.isEmpty()) return RawTables.DEFAULT_SCHEMA;
        CompiledGraph graph = Porygon.compile(dir.get(), overrides);
        if (graph.hasErrors()) {
            err.println("note: the project does not compile (porygon compile shows why), so the raw tables go to schema "
                    + RawTables.DEFAULT_SCHEMA + "; pass --schema to choose another");
            err.flush();
            return RawTables.DEFAULT_SCHEMA;
        }
        WarehouseNames names = new WarehouseNames(settings.databaseMapping(), graph.projectConfig().defaultSchema());
        return of(graph, names).orElse(RawTables.DEFAULT_SCHEMA);
    }

    /** Empty when the project declares none of the raw tables (it is not The Look's pipeline). */
    static Optional<String> of(CompiledGraph graph, WarehouseNames names) {
        List<DeclarationAction> raw = graph.declarations().stream()
                .filter(d -> RAW_NAMES.contains(d.target().name().toLowerCase(Locale.ROOT)))
                .sorted(Comparator.comparing(DeclarationAction::fileName))
                .toList();
        if (raw.isEmpty()) return Optional.empty();
        // schema → first declaration there, to name both sides when they disagree
        TreeMap<String, DeclarationAction> bySchema = new TreeMap<>();
        for (DeclarationAction d : raw) bySchema.putIfAbsent(names.map(d.target()).schema(), d);
        if (bySchema.size() > 1) {
            DeclarationAction first = bySchema.firstEntry().getValue();
            DeclarationAction other = bySchema.lastEntry().getValue();
            throw new PorygonException(new SourceLocation(other.fileName(), other.line(), 0),
                    "the raw tables are declared in more than one schema: " + describe(first, names) + ", " + describe(other, names),
                    "declare the seven raw tables in one schema, or pass --schema to say where to write them");
        }
        return Optional.of(bySchema.firstKey());
    }

    /** The warehouse name of the raw {@code name} table, in the schema the project reads. */
    static Target table(String schema, RawTable table) {
        return new Target(null, schema, table.name());
    }

    private static String describe(DeclarationAction d, WarehouseNames names) {
        return d.target().name() + " in " + names.map(d.target()).schema() + " (" + d.fileName() + ")";
    }
}
