/** Course 5 week 2, "Natural Language Processing and Word Embeddings": operations on word vectors, Emojify. */
package org.dls4j.course5.week2;
