package io.porygon.core.compile.project;

import java.nio.file.Path;
import java.util.List;

/**
 * A loaded project: its settings, include files and definition files, and the other .js files of the
 * project, which only {@code require} loads (as in Dataform, e.g. {@code require("../lib/x")}); each
 * list sorted by path.
 */
public record Project(Path root, WorkflowSettings settings, List<SourceFile> includes, List<SourceFile> definitions,
        List<SourceFile> otherScripts) {}
