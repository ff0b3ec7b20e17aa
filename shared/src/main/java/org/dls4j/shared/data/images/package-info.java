/** Image data sets (cats, SIGNS, Happy House) and image files: decoded, checked and shaped as the notebooks had them. */
package org.dls4j.shared.data.images;
