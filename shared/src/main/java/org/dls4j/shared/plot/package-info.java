/** Headless PNG plots: cost curves, decision boundaries, image grids and heat maps, the pictures the notebooks draw. */
package org.dls4j.shared.plot;
