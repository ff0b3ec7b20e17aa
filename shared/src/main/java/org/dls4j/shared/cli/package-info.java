/** The command line shared by every assignment: options, error reporting, progress bars, the launcher. */
package org.dls4j.shared.cli;
