package org.dls4j.shared.data;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./dls data list | verify [name...] | fetch name...}: what data is there, is it intact, and get what is
 * missing.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "List, verify and download the course data sets.",
        subcommands = CommandLine.HelpCommand.class)
public final class DataCommand {
    private DataFiles files;

    @Spec
    private CommandSpec spec;

    /** The command over the standard data folders. */
    public DataCommand() {
        this(null);
    }

    /** The command over the given data files (tests). */
    DataCommand(DataFiles files) {
        this.files = files;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DataCommand()).execute(args));
    }

    @Command(name = "list", description = "Print every data set, where it was found and whether it verified.")
    int list() {
        PrintWriter out = spec.commandLine().getOut();
        DataFiles data = files();
        out.println("Searched, in this order:");
        out.println(data.locator().describeRoots());
        out.println();
        out.printf("%-12s %6s  %-36s %s%n", "data set", "files", "status", "found in");
        boolean allGood = true;
        for (String name : data.catalog().names()) {
            DataSetState state = DataSetState.of(data, data.catalog().entries(name));
            allGood &= state.healthy();
            out.printf("%-12s %6d  %-36s %s%n", name, state.checks().size(), state.summary(), state.folders());
        }
        out.flush();
        return allGood ? 0 : 1;
    }

    @Command(name = "verify", description = "Check files against their sha256 and explain every problem.")
    int verify(@Parameters(paramLabel = "NAME", arity = "0..*",
                       description = "Data sets to check (default: all).") List<String> names,
               @Option(names = "--rehash", description = "Hash every file again, ignoring the cache of files that"
                       + " verified before (~/.cache/dls4j).") boolean rehash) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DataFiles data = rehash ? files().withoutCache() : files();
        try {
            List<String> selected = names == null || names.isEmpty() ? data.catalog().names() : names;
            boolean allGood = true;
            for (String name : selected) {
                DataSetState state = DataSetState.of(data, data.catalog().entries(name));
                allGood &= state.healthy();
                out.printf("%-12s %s%n", name, state.summary());
                for (DataFiles.FileCheck check : state.checks()) {
                    if (check.note() != null) {
                        err.println(check.note());
                    }
                    if (check.problem() != null) {
                        err.println(check.problem());
                    } else if (!check.found() && check.entry().publiclyAvailable()) {
                        err.println(data.missing(check.entry()).getMessage());
                    }
                }
            }
            out.flush();
            err.flush();
            return allGood ? 0 : 1;
        } catch (DataException e) {
            err.println(e.getMessage());
            err.flush();
            return 2;
        }
    }

    @Command(name = "fetch", description = "Download data sets from their public source into the project's"
            + " datasets/ folder (verified, written atomically; nothing is overwritten).")
    int fetch(@Parameters(paramLabel = "NAME", arity = "1..*",
                      description = "Data set names (see list) or catalog paths.") List<String> names,
              @Option(names = "--to", paramLabel = "DIR",
                      description = "Folder to download into (default: the project's datasets/).") Path to,
              @Option(names = "--base-url", paramLabel = "URL", hidden = true,
                      description = "Replaces https://raw.githubusercontent.com and the npm registry (tests,"
                              + " mirrors).") String baseUrl) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DataFiles data = files();
        try {
            Path target = to != null ? to : data.locator().downloadFolder().orElseThrow(() -> new DataException(
                    "No writable project datasets/ folder was found above " + System.getProperty("user.dir")
                            + "; run from the project or pass --to DIR."));
            Downloader downloader = baseUrl == null ? Downloader.toFolder(target) : new Downloader(baseUrl, target);
            List<CatalogEntry> wanted = new ArrayList<>();
            for (CatalogEntry entry : selectEntries(data.catalog(), names)) {
                DataFiles.FileCheck check = data.check(entry);
                if (check.verified()) {
                    out.println("present     " + entry.path() + "  (" + check.file() + ")");
                } else if (!entry.publiclyAvailable()) {
                    out.println("course-only " + entry.path() + "  (not downloadable; copy it from the course)");
                } else if (entry.generated()) {
                    out.println("generated   " + entry.path() + "  (not downloadable: " + entry.source()
                            + "; copy it from the course data folder)");
                } else if (!Downloader.downloadable(entry)) {
                    out.println("not online  " + entry.path() + "  (" + Downloader.whyNotDownloadable(entry)
                            + "; copy it from the course data folder)");
                } else {
                    wanted.add(entry);
                }
            }
            out.flush();
            int failures = 0;
            for (Downloader.Result result : downloader.fetchAll(wanted)) {
                CatalogEntry entry = result.entry();
                if (result.outcome() == Downloader.Outcome.FAILED) {
                    failures++;
                    err.println(result.error().getMessage());
                } else {
                    out.println((result.outcome() == Downloader.Outcome.DOWNLOADED ? "downloaded  " : "present     ")
                            + entry.path() + "  (" + target.resolve(entry.path()) + ")");
                }
            }
            out.flush();
            err.flush();
            return failures == 0 ? 0 : 1;
        } catch (DataException e) {
            err.println(e.getMessage());
            err.flush();
            return 2;
        }
    }

    private static List<CatalogEntry> selectEntries(Catalog catalog, List<String> names) {
        Set<CatalogEntry> selected = new LinkedHashSet<>();
        for (String name : names) {
            if (catalog.names().contains(name)) {
                selected.addAll(catalog.entries(name));
            } else {
                selected.add(catalog.entry(name).orElseThrow(() -> new DataException("'" + name + "' is neither a"
                        + " data set nor a catalog path. Data sets: " + catalog.names())));
            }
        }
        return new ArrayList<>(selected);
    }

    private DataFiles files() {
        if (files == null) {
            files = DataFiles.standard();
        }
        return files;
    }

    /** The checked files of one data set, summarised for a table row. */
    record DataSetState(List<DataFiles.FileCheck> checks) {
        static DataSetState of(DataFiles data, List<CatalogEntry> entries) {
            return new DataSetState(entries.stream().map(data::check).toList());
        }

        long verified() {
            return checks.stream().filter(DataFiles.FileCheck::verified).count();
        }

        long failed() {
            return checks.stream().filter(check -> check.problem() != null).count();
        }

        long missingPublic() {
            return checks.stream().filter(check -> !check.found() && check.entry().publiclyAvailable()).count();
        }

        long missingCourseOnly() {
            return checks.stream().filter(check -> !check.found() && !check.entry().publiclyAvailable()).count();
        }

        boolean healthy() {
            return failed() == 0 && missingPublic() == 0;
        }

        String summary() {
            StringBuilder text = new StringBuilder();
            if (failed() > 0) {
                text.append(failed()).append(" CORRUPT, ");
            }
            if (missingPublic() > 0) {
                text.append(missingPublic()).append(" MISSING, ");
            }
            text.append(verified()).append(" verified");
            if (missingCourseOnly() > 0) {
                text.append(", ").append(missingCourseOnly()).append(" course-only absent");
            }
            long pointers = checks.stream().filter(check -> check.note() != null).count();
            if (pointers > 0) {
                text.append(", ").append(pointers).append(" Git-LFS pointer").append(pointers == 1 ? "" : "s");
            }
            return text.toString();
        }

        String folders() {
            Set<String> roots = new LinkedHashSet<>();
            for (DataFiles.FileCheck check : checks) {
                if (check.found()) {
                    String relative = check.entry().path();
                    String absolute = check.file().toString();
                    roots.add(absolute.substring(0, absolute.length() - relative.length() - 1));
                }
            }
            return roots.isEmpty() ? "-" : String.join(", ", roots);
        }
    }
}
