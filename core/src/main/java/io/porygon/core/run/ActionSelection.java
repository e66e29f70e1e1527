package io.porygon.core.run;

import static io.porygon.core.run.Planner.id;

import io.porygon.core.PorygonException;
import io.porygon.core.compile.project.Suggestions;
import io.porygon.core.graph.Action;
import io.porygon.core.graph.DeclarationAction;
import io.porygon.core.graph.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which actions a run takes: every one, or those named with {@code --actions} and tagged with {@code
 * --tags}, with their dependencies or dependents when asked, in the graph's order.
 */
final class ActionSelection {
    private ActionSelection() {}

    static Set<String> select(List<Action> all, List<String> testNames, RunOptions options, Map<String, Set<String>> directUpstream) {
        Set<String> seeds = new LinkedHashSet<>();
        if (options.selectsEverything()) {
            all.forEach(a -> seeds.add(id(a)));
            return withoutUnreadSources(seeds, Set.of(), all, directUpstream);
        }
        for (String name : options.actions()) {
            List<Action> matches = matchByName(all, name);
            if (matches.isEmpty()) throw noSuchAction(name, all, testNames);
            List<Action> runnable = matches.stream().filter(a -> !(a instanceof DeclarationAction)).toList();
            // a source is no action to Dataform's selection: the model of the same name is the one meant
            if (matches.size() > 1 && runnable.size() == 1) matches = runnable;
            if (matches.size() > 1) {
                // as Dataform's selection does: a name that could mean several actions runs none
                // dataset.name when that tells them apart, else project.dataset.name (a source declared in several projects)
                boolean sameDataset = matches.stream().map(a -> a.target().schema() + "." + a.target().name()).distinct().count() < matches.size();
                String candidates = matches.stream()
                        .map(a -> sameDataset ? a.target().qualifiedName() : a.target().schema() + "." + a.target().name())
                        .collect(Collectors.joining(", "));
                throw new PorygonException(null, "ambiguous action name '" + name + "': it could be " + candidates,
                        sameDataset ? "give project.dataset.name to pick one, or list each you want"
                                : "give dataset.name (or project.dataset.name) to pick one, or list each you want");
            }
            seeds.add(id(matches.get(0)));
        }
        for (String tag : options.tags()) {
            List<Action> tagged = all.stream().filter(a -> a.tags().contains(tag)).toList();
            if (tagged.isEmpty()) {
                String closest = Suggestions.closest(tag, all.stream().flatMap(a -> a.tags().stream()).distinct().sorted().toList());
                throw new PorygonException(null, "no action has the tag '" + tag + "'",
                        (closest != null ? "did you mean " + closest + "? " : "") + "check the tags in the actions' config blocks");
            }
            tagged.forEach(a -> seeds.add(id(a)));
        }
        Set<String> selected = new LinkedHashSet<>(seeds);
        if (options.includeDeps()) selected.addAll(Dependencies.closure(seeds, directUpstream));
        if (options.includeDependents()) selected.addAll(Dependencies.closure(seeds, Dependencies.invert(directUpstream)));
        // a wildcard table is read through the view its check makes: it comes with its readers
        Set<String> wildcards = new LinkedHashSet<>();
        for (String id : selected) {
            for (String up : directUpstream.getOrDefault(id, Set.of())) {
                if (up.endsWith("*")) wildcards.add(up);
            }
        }
        selected.addAll(wildcards);
        // keep the graph's order, so plans do not depend on the order of the flags
        Set<String> ordered = new LinkedHashSet<>();
        all.forEach(a -> {
            if (selected.contains(id(a))) ordered.add(id(a));
        });
        return withoutUnreadSources(ordered, seeds, all, directUpstream);
    }

    /**
     * The selection without the declarations that no enabled action of it reads, unless named: Dataform
     * never looks at a source, so one that only a disabled model reads must not fail the run.
     */
    private static Set<String> withoutUnreadSources(Set<String> selected, Set<String> named, List<Action> all,
            Map<String, Set<String>> directUpstream) {
        Set<String> read = new HashSet<>();
        for (Action a : all) {
            if (selected.contains(id(a)) && !a.disabled()) read.addAll(directUpstream.get(id(a)));
        }
        Set<String> kept = new LinkedHashSet<>();
        for (Action a : all) {
            String id = id(a);
            if (selected.contains(id) && (!(a instanceof DeclarationAction) || read.contains(id) || named.contains(id))) kept.add(id);
        }
        return kept;
    }

    private static List<Action> matchByName(List<Action> all, String name) {
        List<Action> exact = all.stream().filter(a -> nameForms(a.target()).contains(name)).toList();
        if (!exact.isEmpty()) return exact;
        String lower = name.toLowerCase(Locale.ROOT);
        return all.stream()
                .filter(a -> nameForms(a.target()).stream().anyMatch(f -> f.toLowerCase(Locale.ROOT).equals(lower)))
                .toList();
    }

    private static List<String> nameForms(Target t) {
        List<String> forms = new ArrayList<>(List.of(t.name(), t.qualifiedName()));
        if (t.schema() != null) forms.add(t.schema() + "." + t.name());
        return forms;
    }

    private static PorygonException noSuchAction(String name, List<Action> all, List<String> testNames) {
        if (testNames.contains(name)) {
            return new PorygonException(null, "'" + name + "' is a unit test, not an action", "run it with `porygon test`");
        }
        String closest = Suggestions.closest(name, all.stream().map(a -> a.target().name()).toList());
        return new PorygonException(null, "no action named '" + name + "'", (closest != null ? "did you mean " + closest + "? " : "")
                + "use an action's name, dataset.name or project.dataset.name; `porygon compile` lists them");
    }
}
