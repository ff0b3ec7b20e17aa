/** Training plumbing shared by the from-scratch loops and the DL4J faces: cost curves, the recorder of "every N iterations and the last", divergence. */
package org.dls4j.shared.train;
