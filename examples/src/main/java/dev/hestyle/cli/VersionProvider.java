package dev.hestyle.cli;

import picocli.CommandLine.IVersionProvider;

/** The version recorded in the executable jar's manifest; unknown when run from class directories. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"hestyle " + (v == null ? "(development build)" : v)};
    }
}
