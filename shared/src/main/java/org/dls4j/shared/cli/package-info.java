/**
 * The command line every assignment shares: {@link org.dls4j.shared.cli.AssignmentOptions} (the notebook defaults,
 * stated once), {@link org.dls4j.shared.cli.OptionChecks}, {@link org.dls4j.shared.cli.EnumConverters},
 * {@link org.dls4j.shared.cli.Report} (what is printed, quiet or captured), progress bars,
 * {@link org.dls4j.shared.cli.AssignmentRunner} (parse, check, run, one-line errors) and the {@code ./dls} launcher.
 */
package org.dls4j.shared.cli;
