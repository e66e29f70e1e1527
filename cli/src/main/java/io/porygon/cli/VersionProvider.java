package io.porygon.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar's manifest. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = PorygonCli.class.getPackage().getImplementationVersion();
        return new String[] {"porygon " + (v == null ? "dev" : v)};
    }
}
