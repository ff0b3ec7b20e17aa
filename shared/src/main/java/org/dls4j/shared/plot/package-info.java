/** Headless PNG plots: cost curves, decision boundaries and image grids, the pictures the notebooks draw. */
package org.dls4j.shared.plot;
