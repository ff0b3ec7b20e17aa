/** Test helpers shared by every module (exported as the test-jar of {@code shared}). */
package org.dls4j.shared.testing;
