/**
 * Course 5 week 2, "Natural Language Processing and Word Embeddings": Emojifier-V2 ({@link org.dls4j.course5.week2.EmojifyV2Graph}).
 */
package org.dls4j.course5.week2;
