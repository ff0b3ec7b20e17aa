package org.dls4j.course4.week4;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dls4j.shared.cli.Report;

/**
 * Where a threshold should lie for an encoder: the distances between pictures of the same person against those
 * between different people, over the course's 18 pictures (12 in the database, 6 from the camera, each camera
 * picture's person known: {@link FaceRecognition#CAMERA_PEOPLE}). A good threshold lies above every same-person
 * distance and below every different-person one.
 */
public final class ThresholdTable {

    /** dlib's own threshold for its face-recognition network ("0.6 ... same person"). */
    public static final double DLIB_THRESHOLD = 0.6;

    /** One pair of pictures, whether they show the same person, and their distance. */
    public record Pair(String first, String second, boolean samePerson, double distance) {
    }

    /** The split: the pairs of the same person and of different people, each sorted by distance. */
    public record Split(List<Pair> same, List<Pair> different) {

        /** The largest same-person distance. */
        public double sameMax() {
            return same.get(same.size() - 1).distance();
        }

        /** The smallest different-person distance. */
        public double differentMin() {
            return different.get(0).distance();
        }

        /** How many pairs of each kind a threshold calls "the same person" (distance below it). */
        public long[] accepted(double threshold) {
            return new long[] {same.stream().filter(p -> p.distance() < threshold).count(),
                    different.stream().filter(p -> p.distance() < threshold).count()};
        }
    }

    private ThresholdTable() {
    }

    /** Every pair of {@code pictures} (names of database people or camera pictures) with its distance. */
    public static Split split(List<String> pictures, double[][] distances) {
        List<Pair> same = new ArrayList<>(), different = new ArrayList<>();
        for (int i = 0; i < pictures.size(); i++) {
            for (int j = i + 1; j < pictures.size(); j++) {
                boolean samePerson = person(pictures.get(i)).equals(person(pictures.get(j)));
                (samePerson ? same : different).add(new Pair(pictures.get(i), pictures.get(j), samePerson,
                        distances[i][j]));
            }
        }
        same.sort(Comparator.comparingDouble(Pair::distance));
        different.sort(Comparator.comparingDouble(Pair::distance));
        return new Split(same, different);
    }

    /** Prints the same-person pairs, the closest different-person pairs, and what each threshold accepts. */
    public static Split print(List<String> pictures, double[][] distances, double threshold, Report report) {
        Split split = split(pictures, distances);
        report.say("Distances between pictures of the same person (" + split.same().size() + " pairs):");
        for (Pair p : split.same()) {
            report.say(row(p));
        }
        report.say("The closest pictures of different people (5 of " + split.different().size() + " pairs):");
        for (Pair p : split.different().subList(0, Math.min(5, split.different().size()))) {
            report.say(row(p));
        }
        report.say(String.format(Locale.ROOT, "Same person: %.4f to %.4f; different people: %.4f to %.4f.",
                split.same().get(0).distance(), split.sameMax(), split.differentMin(),
                split.different().get(split.different().size() - 1).distance()));
        for (double t : threshold == DLIB_THRESHOLD ? new double[] {threshold} : new double[] {threshold,
                DLIB_THRESHOLD}) {
            long[] accepted = split.accepted(t);
            report.say(String.format(Locale.ROOT, "Threshold %.2f%s: %d of %d same-person pairs and %d of %d "
                    + "different-person pairs count as the same person.", t, t == DLIB_THRESHOLD ? " (dlib's)" : "",
                    accepted[0], split.same().size(), accepted[1], split.different().size()));
        }
        return split;
    }

    private static String row(Pair p) {
        return String.format(Locale.ROOT, "  %-10s %-10s %.4f", p.first(), p.second(), p.distance());
    }

    /** Who a picture shows: a database name is that person, a camera picture is who the course says it is. */
    private static String person(String picture) {
        Map<String, String> camera = FaceRecognition.CAMERA_PEOPLE;
        return camera.getOrDefault(picture, picture);
    }
}
