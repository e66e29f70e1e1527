package io.porygon.core.compile.project;

import java.nio.file.Path;
import java.util.List;

/** A loaded project: its settings, include files and definition files, each list sorted by path. */
public record Project(Path root, WorkflowSettings settings, List<SourceFile> includes, List<SourceFile> definitions) {}
