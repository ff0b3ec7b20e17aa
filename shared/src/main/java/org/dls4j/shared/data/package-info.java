/** The course data sets: found in the data folders, checked against their sha256 and loaded in the shapes the notebooks used. */
package org.dls4j.shared.data;
