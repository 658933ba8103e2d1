package io.datanet.provenance.samples;

import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.license.LicenseTerms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates the sample DataNets shipped in {@code samples/datanets} (run once; the output is committed): synthetic
 * wearable-sensor readings labelled with an activity, by different contributors under different licences.
 * Each data file is CSV with a header: {@code heart_rate,cadence,motion,skin_temp,activity}, features scaled
 * to about 0..2, activity 0 = resting, 1 = walking, 2 = running.
 */
public final class SampleDataNets {
    /** Trail runners' watches, two contributors, CC-BY-4.0. */
    public static final String TRAIL = "trail-sensors";
    /** A city step-counter study, one contributor, CC0-1.0 (public domain). */
    public static final String CITY = "city-sensors";
    /** A rehabilitation clinic's readings, non-commercial use only (CC-BY-NC-4.0); used to fine-tune. */
    public static final String CLINIC = "clinic-sensors";

    private SampleDataNets() {}

    /** Writes the three DataNets under {@code dir}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "samples/datanets");
        write(dir.resolve(TRAIL), TRAIL, "Trail runners' watch readings",
                new LicenseTerms("CC-BY-4.0", true, true, true, false, List.of()),
                new String[][] {{"ada", "Ada Okafor"}, {"lin", "Lin Wei"}},
                new String[] {"2026-spring.csv", "2026-summer.csv"}, 240, 0.0, 1);
        write(dir.resolve(CITY), CITY, "City step-counter study",
                new LicenseTerms("CC0-1.0", true, true, false, false, List.of()),
                new String[][] {{"grace", "Grace Mbeki"}}, new String[] {"readings.csv"}, 320, 0.15, 2);
        write(dir.resolve(CLINIC), CLINIC, "Rehabilitation clinic readings",
                new LicenseTerms("CC-BY-NC-4.0", false, true, true, false, List.of("insurance-pricing")),
                new String[][] {{"hopper", "Rehab Clinic Hopper"}}, new String[] {"patients.csv"}, 200, -0.25, 3);
    }

    private static void write(Path dir, String id, String name, LicenseTerms terms, String[][] contributors,
                              String[] files, int rowsPerFile, double shift, long seed) throws IOException {
        Files.createDirectories(dir);
        DataNet.Builder b = DataNet.builder(id).name(name).license(terms);
        for (String[] c : contributors) {
            b.contributor(c[0], c[1]);
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int f = 0; f < files.length; f++) {
            StringBuilder csv = new StringBuilder("heart_rate,cadence,motion,skin_temp,activity\n");
            for (int i = 0; i < rowsPerFile; i++) {
                int activity = random.nextInt(3);
                double heart = 0.6 + 0.45 * activity + shift + 0.18 * random.nextGaussian();
                double cadence = 0.1 + 0.7 * activity - shift / 2 + 0.2 * random.nextGaussian();
                double motion = 0.2 + 0.5 * activity + 0.25 * random.nextGaussian();
                double temp = 1.0 + 0.05 * activity + shift + 0.1 * random.nextGaussian();
                csv.append(String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%.3f,%d%n", heart, cadence, motion, temp, activity));
            }
            Files.writeString(dir.resolve(files[f]), csv.toString().replace("\r", ""), StandardCharsets.UTF_8);
            b.file(files[f], dir.resolve(files[f]), contributors[f % contributors.length][0]);
        }
        b.build().writeManifest(dir);
    }
}
