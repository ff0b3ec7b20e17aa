/** The catalog of every data file, where the data folders are, sha256 verification, downloads and the {@code ./dls data} command. The data sets themselves are in the sub-packages by kind. */
package org.dls4j.shared.data;
