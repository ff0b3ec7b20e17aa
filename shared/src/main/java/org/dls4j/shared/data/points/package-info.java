/** Two-dimensional point sets: the generated planar, circles and moons CSVs and the football field of Course 2. */
package org.dls4j.shared.data.points;
