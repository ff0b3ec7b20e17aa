/** Text data sets: character corpora, GloVe word vectors and the Emojify sentences. */
package org.dls4j.shared.data.text;
