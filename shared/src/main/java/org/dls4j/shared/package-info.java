/** What every course uses: the numpy-exact RNG, double-precision numerics, printing, plotting and options. */
package org.dls4j.shared;
