package io.porygon.cli;

import io.porygon.core.Porygon;
import java.io.File;
import java.net.URISyntaxException;
import java.util.Optional;

/** The identity of the Porygon build that runs, which the caches in a project's .porygon/cache are keyed by. */
final class Build {
    private Build() {}

    /** The jar Porygon runs from, by name, size and modification time (a rebuild changes it); empty outside a jar. */
    static Optional<String> jar() {
        try {
            File jar = new File(Porygon.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.isFile() ? Optional.of(jar.getName() + ":" + jar.length() + ":" + jar.lastModified()) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
