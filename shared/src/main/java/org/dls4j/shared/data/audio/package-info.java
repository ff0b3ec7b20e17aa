/** Audio data sets: WAV clips for trigger-word detection and MIDI notes for the jazz model. */
package org.dls4j.shared.data.audio;
