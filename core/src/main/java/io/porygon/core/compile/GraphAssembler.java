package io.porygon.core.compile;

import static io.porygon.core.compile.Plain.bool;
import static io.porygon.core.compile.Plain.list;
import static io.porygon.core.compile.Plain.map;
import static io.porygon.core.compile.Plain.string;
import static io.porygon.core.compile.Plain.strings;

import io.porygon.core.SourceLocation;
import io.porygon.core.compile.project.Suggestions;
import io.porygon.core.graph.ActionDescriptor;
import io.porygon.core.graph.ActionType;
import io.porygon.core.graph.AssertionAction;
import io.porygon.core.graph.BigQueryOptions;
import io.porygon.core.graph.ColumnDescriptor;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.graph.DeclarationAction;
import io.porygon.core.graph.IncrementalStrategy;
import io.porygon.core.graph.OnSchemaChange;
import io.porygon.core.graph.OperationAction;
import io.porygon.core.graph.ProjectConfig;
import io.porygon.core.graph.TableAction;
import io.porygon.core.graph.Target;
import io.porygon.core.graph.TestAction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the session's plain data into graph records: resolves each dependency to exactly one
 * action (reporting missing refs with a suggestion, and ambiguous ones), applies the project's
 * suffixes and prefix, drops duplicate targets and reports cycles.
 */
final class GraphAssembler {
    private static final Pattern UNIQUE_KEY_ASSERTION = Pattern.compile(".*_uniqueKey_\\d+");

    private final ProjectConfig config;
    private final ErrorCollector errors;
    private final SourceIndex sources;
    /** How the assertions came to check each action, by the action's final target, in the order they did. */
    private final Map<Target, List<Check>> assertionsOf = new HashMap<>();

    /**
     * An assertion's dependency on an action, with the database and schema its ref or dependency wrote (null
     * when left out; a built-in assertion writes its table's whole target). As Dataform's map of dependent
     * assertions, a ref with includeDependentAssertions finds those written with at least its own qualifiers:
     * ref("t") every one, ref("s", "t") those that wrote schema s.
     */
    private record Check(RawAction assertion, String database, String schema, int order) {
        boolean foundBy(String database, String schema) {
            return (database == null || database.equals(this.database)) && (schema == null || schema.equals(this.schema));
        }
    }
    private final Set<String> unloaded;

    /** {@code unloaded}: names of SQLX files that failed to load, whose error is reported already. */
    GraphAssembler(ProjectConfig config, ErrorCollector errors, SourceIndex sources, Set<String> unloaded) {
        this.config = config;
        this.errors = errors;
        this.sources = sources;
        this.unloaded = unloaded;
    }

    CompileResult assemble(List<RawAction> raws, List<Map<String, Object>> rawTests) {
        TargetIndex<RawAction> index = new TargetIndex<>();
        raws.forEach(r -> index.add(r.target(), r));
        indexAssertions(raws, index);
        // Raw actions are keyed by identity: their record equality would hash whole SQL protos.
        Map<RawAction, List<Target>> deps = new IdentityHashMap<>();
        for (RawAction r : raws) {
            if (!r.isDeclaration()) deps.put(r, resolveDependencies(r, index));
        }

        Set<RawAction> duplicates = duplicates(raws);
        List<RawAction> kept = raws.stream().filter(r -> !duplicates.contains(r) && !r.failed()).toList();

        List<TableAction> tables = new ArrayList<>();
        List<OperationAction> operations = new ArrayList<>();
        List<AssertionAction> assertions = new ArrayList<>();
        List<DeclarationAction> declarations = new ArrayList<>();
        Map<Target, ActionMetadata> metadata = new LinkedHashMap<>();
        for (RawAction r : kept) {
            Target target = finalTarget(r);
            List<Target> dependencyTargets = List.copyOf(new LinkedHashSet<>(deps.getOrDefault(r, List.of())));
            Map<String, Object> p = r.proto();
            List<String> tags = strings(p.get("tags"));
            boolean disabled = bool(p.get("disabled"));
            ActionDescriptor descriptor = descriptor(map(p.get("actionDescriptor")));
            switch (r.kind()) {
                case "table", "view", "incremental" -> {
                    Map<String, Object> bq = map(p.get("bigquery"));
                    List<String> ops = new ArrayList<>();
                    for (String key : List.of("preOps", "postOps", "incrementalPreOps", "incrementalPostOps")) ops.addAll(strings(p.get(key)));
                    tables.add(new TableAction(target, type(r.kind()), string(p.get("query")), string(p.get("incrementalQuery")),
                            string(p.get("where")), strings(p.get("preOps")), strings(p.get("postOps")), strings(p.get("incrementalPreOps")),
                            strings(p.get("incrementalPostOps")), dependencyTargets, tags, descriptor, bigquery(bq),
                            strings(p.get("uniqueKey")), bool(p.get("protected")), bool(p.get("materialized")), disabled,
                            r.fileName(), r.sqlStartLine(), OnSchemaChange.of(string(p.get("onSchemaChange"))),
                            IncrementalStrategy.of(string(p.get("incrementalStrategy"))),
                            sources.statementLines(r.fileName(), r.sqlStartLine(), queries(p), ops)));
                }
                case "operations" -> operations.add(new OperationAction(target, strings(p.get("queries")), bool(p.get("hasOutput")),
                        dependencyTargets, tags, descriptor, disabled, r.fileName(), r.sqlStartLine(),
                        sources.statementLines(r.fileName(), strings(p.get("queries")))));
                case "assertion" -> {
                    Target parent = Plain.target(p.get("parentAction"));
                    int line = r.builtIn() ? builtInAssertionLine(r) : r.sqlStartLine();
                    assertions.add(new AssertionAction(target, string(p.get("query")), parent == null ? null : finalTarget(parent, index),
                            dependencyTargets, tags, descriptor, disabled, r.fileName(), line));
                }
                default -> declarations.add(new DeclarationAction(target, descriptor, r.fileName(), tags, r.sqlStartLine()));
            }
            Map<String, Object> desc = map(p.get("actionDescriptor"));
            metadata.put(target, new ActionMetadata(r.canonicalTarget(), string(p.get("hermeticity")),
                    Plain.stringMap(desc.get("bigqueryLabels")), Plain.stringMap(map(p.get("bigquery")).get("additionalOptions")), r.builtIn()));
        }
        checkCycles(kept, deps);

        List<TestAction> tests = new ArrayList<>();
        Set<String> testNames = new HashSet<>();
        for (Map<String, Object> t : rawTests) {
            String name = string(t.get("name"));
            String file = string(t.get("fileName"));
            if (!testNames.add(name)) {
                errors.add(new SourceLocation(file, 1, 1), "Duplicate test name detected: \"" + name + "\"", "rename one of the tests", name);
            }
            Target tested = Plain.target(t.get("testedTarget"));
            tests.add(new TestAction(name, tested == null ? null : finalTarget(tested, index), string(t.get("testQuery")),
                    string(t.get("expectedOutputQuery")), file, Plain.integer(t.get("sqlStartLine")), string(t.get("schema")),
                    string(t.get("database"))));
        }
        CompiledGraph graph = new CompiledGraph(config, List.copyOf(tables), List.copyOf(operations), List.copyOf(assertions),
                List.copyOf(declarations), List.copyOf(tests), errors.all());
        return new CompileResult(graph, metadata);
    }

    /**
     * The assertions that check each action, built in (their parent) or custom (what they depend
     * on), by the action's final target: what a dependency with includeDependentAssertions adds.
     * Unresolvable dependencies are left to {@link #resolveDependencies}, which reports them.
     */
    /** The query and the incremental query of a table, those that are given. */
    private static List<String> queries(Map<String, Object> proto) {
        List<String> out = new ArrayList<>();
        for (String key : List.of("query", "incrementalQuery")) if (string(proto.get(key)) != null) out.add(string(proto.get(key)));
        return out;
    }

    /** The line of the key that asks for a built-in assertion (uniqueKey, rowConditions, ...), else of its table's config. */
    private int builtInAssertionLine(RawAction r) {
        SourceLocation block = sources.locateKey(r.fileName(), r.sqlStartLine(), "assertions");
        if (block == null) return r.sqlStartLine(); // .assertions({...}) of the JavaScript API: the call's line
        boolean unique = UNIQUE_KEY_ASSERTION.matcher(r.target().name()).matches();
        for (String key : unique ? List.of("uniqueKey", "uniqueKeys") : List.of("rowConditions", "nonNull")) {
            SourceLocation at = sources.locateKey(r.fileName(), block.line(), key);
            if (at != null) return at.line();
        }
        return block.line();
    }

    private void indexAssertions(List<RawAction> raws, TargetIndex<RawAction> index) {
        // As in Dataform, in the order the assertions came to depend on the action: a config's dependencies or
        // .dependencies() as its file loads, a ref() as its SQL compiles (so a built-in assertion's after them)
        Map<Target, List<Check>> checks = new LinkedHashMap<>();
        for (RawAction r : raws) {
            if (!r.kind().equals("assertion")) continue;
            Target parent = Plain.target(r.proto().get("parentAction"));
            if (parent != null) {
                checks.computeIfAbsent(finalTarget(parent, index), k -> new ArrayList<>())
                        .add(new Check(r, parent.database(), parent.schema(), Integer.MAX_VALUE));
            }
            for (Map<String, Object> dep : r.deps()) {
                String database = string(dep.get("database")), schema = string(dep.get("schema"));
                List<RawAction> found = index.find(database, schema, string(dep.get("name")));
                Integer order = Plain.optionalInt(dep.get("order"));
                if (found.size() == 1) {
                    checks.computeIfAbsent(finalTarget(found.get(0)), k -> new ArrayList<>())
                            .add(new Check(r, database, schema, order == null ? Integer.MAX_VALUE : order));
                }
            }
        }
        checks.forEach((t, list) -> {
            List<Check> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparingInt(Check::order)); // stable: a parent before its own ref of it
            assertionsOf.put(t, sorted);
        });
    }

    /** The assertions of {@code target} that a dependency written with these qualifiers includes, each once. */
    private List<RawAction> dependentAssertions(Target target, String database, String schema) {
        List<RawAction> out = new ArrayList<>();
        for (Check c : assertionsOf.getOrDefault(target, List.of())) {
            // by identity: a raw action's record equality would compare whole SQL protos
            if (c.foundBy(database, schema) && out.stream().noneMatch(a -> a == c.assertion())) out.add(c.assertion());
        }
        return out;
    }

    private List<Target> resolveDependencies(RawAction r, TargetIndex<RawAction> index) {
        List<Target> out = new ArrayList<>();
        Map<Target, Boolean> includesAssertions = new HashMap<>();
        for (Map<String, Object> dep : r.deps()) {
            String name = string(dep.get("name"));
            String schema = string(dep.get("schema"));
            String database = string(dep.get("database"));
            List<RawAction> found = index.find(database, schema, name);
            String wanted = (database != null ? database + "." : "") + (schema != null ? schema + "." : "") + name;
            if (found.isEmpty() && unloaded.contains(name)) {
                continue; // its file failed to load, and says why
            } else if (found.isEmpty()) {
                SourceLocation at = location(r, dep, name);
                // never the action itself: ref("t") in b is not a typo for b
                String suggestion = Suggestions.closest(name, index.names().stream().filter(n -> !n.equals(r.target().name())).toList());
                // the name exists, in another dataset or project: suggesting the same name would say nothing
                List<RawAction> sameName = index.find(null, null, name);
                String hint = name.contains(".") && schema == null
                        ? "a name given as a string is one name, dots included; write { schema: \"" + name.substring(0, name.lastIndexOf('.'))
                                + "\", name: \"" + name.substring(name.lastIndexOf('.') + 1) + "\" }"
                        : !sameName.isEmpty() ? name + " is in " + sameName.stream().map(a -> (a.target().database() != null ? a.target().database() + "." : "") + a.target().schema())
                                .distinct().collect(Collectors.joining(", ")) + "; ref() its dataset, e.g. ref(\"" + sameName.get(0).target().schema()
                                + "\", \"" + name + "\")"
                        : suggestion != null ? "did you mean " + suggestion + "?" : "declare it with type: \"declaration\" or check the name";
                errors.add(at, "Missing dependency detected: Action \"" + r.readableName() + "\" depends on \"" + wanted + "\" which does not exist",
                        hint, r.readableName());
            } else if (found.size() > 1) {
                errors.add(location(r, dep, name), "Ambiguous Action name: " + wanted + ". Did you mean one of: "
                                + found.stream().map(f -> f.target().schema() + "." + f.target().name()).collect(Collectors.joining(", ")) + ".",
                        "qualify the ref with its schema, e.g. ref(\"" + found.get(0).target().schema() + "\", \"" + name + "\")", r.readableName());
            } else {
                RawAction d = found.get(0);
                out.add(finalTarget(d));
                Boolean before = includesAssertions.putIfAbsent(finalTarget(d), bool(dep.get("includeDependentAssertions")));
                if (before != null && before != bool(dep.get("includeDependentAssertions"))) {
                    errors.add(location(r, dep, name), "Conflicting \"includeDependentAssertions\" properties are not allowed. Dependency " + name
                            + " has different values set for this property.", "give every ref() and dependency on " + name
                            + " the same includeDependentAssertions, or set dependOnDependencyAssertions on the action", r.readableName());
                }
                if (bool(dep.get("includeDependentAssertions"))) {
                    // an assertion that includes its own table's assertions includes itself: a cycle, as in Dataform
                    dependentAssertions(finalTarget(d), database, schema).forEach(a -> out.add(finalTarget(a)));
                }
            }
        }
        return out;
    }

    /** Where a dependency on {@code name} is written, to report it: worked out only for an error. */
    private SourceLocation location(RawAction r, Map<String, Object> dep, String name) {
        int line = Plain.integer(dep.get("line"));
        if (line <= 0) line = r.sqlStartLine();
        SourceLocation at = sources.locate(r.fileName(), line, name);
        if (dep.get("property") != null) {
            SourceLocation inConfig = sources.locateFrom(r.fileName(), line, name);
            if (inConfig != null) at = inConfig;
        }
        return at;
    }

    /** Actions whose final target (or canonical target) another action also has: Dataform drops all of them. */
    private Set<RawAction> duplicates(List<RawAction> raws) {
        Map<Target, List<RawAction>> byTarget = new LinkedHashMap<>();
        Map<Target, List<RawAction>> byCanonical = new LinkedHashMap<>();
        for (RawAction r : raws) {
            byTarget.computeIfAbsent(finalTarget(r), k -> new ArrayList<>()).add(r);
            byCanonical.computeIfAbsent(r.canonicalTarget(), k -> new ArrayList<>()).add(r);
        }
        Set<RawAction> out = Collections.newSetFromMap(new IdentityHashMap<>());
        byTarget.forEach((target, group) -> {
            if (group.size() < 2) return;
            String files = group.stream().map(RawAction::fileName).distinct().collect(Collectors.joining(", "));
            for (RawAction r : group) {
                out.add(r);
                errors.add(sources.locate(r.fileName(), 1, null),
                        "Duplicate action name detected. Names within a schema must be unique across tables, declarations, assertions, and operations: \""
                                + target.qualifiedName() + "\" (defined in " + files + ")",
                        "rename one of them with config { name: \"...\" } or move it to another schema", target.qualifiedName());
            }
        });
        byCanonical.forEach((target, group) -> {
            if (group.size() < 2 || group.stream().allMatch(out::contains)) return;
            for (RawAction r : group) {
                out.add(r);
                errors.add(SourceLocation.of(r.fileName()), "Duplicate canonical target detected: \"" + target.qualifiedName() + "\"",
                        "rename one of them", target.qualifiedName());
            }
        });
        return out;
    }

    private void checkCycles(List<RawAction> actions, Map<RawAction, List<Target>> deps) {
        Map<Target, List<Target>> edges = new LinkedHashMap<>();
        Map<Target, RawAction> byTarget = new HashMap<>();
        for (RawAction r : actions) {
            if (r.isDeclaration()) continue;
            edges.put(finalTarget(r), deps.getOrDefault(r, List.of()));
            byTarget.put(finalTarget(r), r);
        }
        for (List<Target> cycle : GraphChecks.cycles(edges)) {
            RawAction first = byTarget.get(cycle.get(0));
            String chain = cycle.stream().map(Target::qualifiedName).collect(Collectors.joining(" > ")) + " > " + cycle.get(0).qualifiedName();
            String next = cycle.size() > 1 ? cycle.get(1).name() : cycle.get(0).name();
            errors.add(sources.locate(first.fileName(), first.sqlStartLine(), next),
                    "Circular dependency detected in chain: [" + chain + "]",
                    "remove one of the refs (or dependencies) in this chain", first.readableName());
        }
    }

    private Target finalTarget(RawAction r) {
        return r.isDeclaration() ? r.target() : config.finalized(r.target());
    }

    private Target finalTarget(Target unfinalized, TargetIndex<RawAction> index) {
        List<RawAction> found = index.find(unfinalized.database(), unfinalized.schema(), unfinalized.name());
        return found.size() == 1 ? finalTarget(found.get(0)) : config.finalized(unfinalized);
    }

    private static ActionType type(String kind) {
        return switch (kind) {
            case "table" -> ActionType.TABLE;
            case "incremental" -> ActionType.INCREMENTAL;
            default -> ActionType.VIEW;
        };
    }

    private static ActionDescriptor descriptor(Map<String, Object> d) {
        if (d.isEmpty()) return ActionDescriptor.EMPTY;
        List<ColumnDescriptor> columns = new ArrayList<>();
        for (Object c : list(d.get("columns"))) {
            Map<String, Object> m = map(c);
            columns.add(new ColumnDescriptor(strings(m.get("path")), string(m.get("description")), strings(m.get("tags")),
                    strings(m.get("bigqueryPolicyTags"))));
        }
        return new ActionDescriptor(string(d.get("description")), List.copyOf(columns));
    }

    private static BigQueryOptions bigquery(Map<String, Object> bq) {
        if (bq.isEmpty()) return BigQueryOptions.NONE;
        return new BigQueryOptions(string(bq.get("partitionBy")), strings(bq.get("clusterBy")), Plain.stringMap(bq.get("labels")),
                Plain.optionalInt(bq.get("partitionExpirationDays")),
                bq.containsKey("requirePartitionFilter") ? bool(bq.get("requirePartitionFilter")) : null,
                string(bq.get("updatePartitionFilter")));
    }
}
