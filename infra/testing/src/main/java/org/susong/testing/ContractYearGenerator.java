package org.susong.testing;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic year of registered technology contracts for tech-contracts' bulk registration
 * ({@code POST /contracts/bulk}), deterministic for a seed. The default is Xiamen's 2023 (docs/policy.md):
 * exactly 8,025 contracts whose <b>contract amounts</b> add up to exactly 17,358,000,000 CNY - the
 * city reports 成交额 (turnover), which in China's technology-market statistics is the contract
 * amount; the technical transaction amount (技术交易额) is a share of it. {@link Basis#TECHNICAL}
 * makes the technical transaction amounts add up to the total instead.
 *
 * <p>Every row carries a national registration number ({@code year + 3502 + serial}) and a
 * registration date in the year, so bulk registration imports them as already registered and the
 * statistics of that year reproduce the totals. Seller USCCs are unique per row, so no two rows are
 * the same contract. About 8 % have a foreign party (buyer, or seller for an import), some from
 * BRICS members or partner countries.
 *
 * <p>Run: {@code java -cp <infra-local jar + commons jar> org.susong.testing.ContractYearGenerator
 * [count=8025] [totalYuan=17358000000] [year=2023] [seed=2023] [csv|jsonl] [out=contracts-<year>.csv]
 * [contract|technical]}
 */
public final class ContractYearGenerator {

    /** Which amount the total is about. */
    public enum Basis { CONTRACT, TECHNICAL }

    /** One contract row; amounts in fen. Names follow the bulk registration columns. */
    public record Row(String title, String type, String sellerUscc, String sellerName, String sellerCountry,
                      String buyerUscc, String buyerName, String buyerCountry, String sellerDistrict,
                      LocalDate signingDate, long contractAmountFen, long technicalTransactionAmountFen,
                      String registrationNumber, LocalDate registeredOn) {
    }

    public static final int COUNT_2023 = 8_025;
    public static final long TOTAL_2023_FEN = 17_358_000_000L * 100;

    static final String[] TYPES = {"DEVELOPMENT", "TRANSFER", "LICENSING", "CONSULTING", "SERVICE"};
    static final int[] TYPE_WEIGHTS = {30, 8, 7, 10, 45};
    static final String[] DISTRICTS = {"SIMING", "HULI", "JIMEI", "HAICANG", "TONGAN", "XIANGAN"};
    static final int[] DISTRICT_WEIGHTS = {24, 30, 16, 12, 9, 9};
    static final String[] FOREIGN = {"RU", "BR", "IN", "ZA", "AE", "EG", "MY", "TH", "KZ", "DE", "US", "JP", "SG", "KR", "GB"};
    static final String[] SUBJECTS = {"lithium battery cathode process", "marine sensor network", "semiconductor test fixture",
        "biomedical assay kit", "industrial vision inspection", "optical film coating", "flexible display driver",
        "smart grid dispatch software", "tea processing line automation", "hydrogen fuel cell stack"};

    private ContractYearGenerator() {
    }

    /** Xiamen's 2023: 8,025 contracts, 17.358 billion CNY of contract amount. */
    public static List<Row> year2023() {
        return generate(COUNT_2023, TOTAL_2023_FEN, 2023, 2023L, Basis.CONTRACT);
    }

    public static List<Row> generate(int count, long totalFen, int year, long seed, Basis basis) {
        if (count < 1 || count > 9_999_999 || totalFen < count * 100L) {
            throw new IllegalArgumentException("need 1..9,999,999 contracts of at least 1 CNY each");
        }
        Random random = new Random(seed);
        long[] weights = new long[count];
        long weightSum = 0;
        for (int i = 0; i < count; i++) {
            // log-normal sizes: many small service contracts, a few large development ones
            weights[i] = 1 + (long) (1_000 * Math.exp(1.4 * random.nextGaussian()));
            weightSum += weights[i];
        }
        long[] base = split(totalFen, weights, weightSum, count);
        List<Row> rows = new ArrayList<>(count);
        LocalDate first = LocalDate.of(year, 1, 1);
        int days = first.lengthOfYear();
        for (int i = 0; i < count; i++) {
            int percent = 55 + random.nextInt(46); // technical share 55-100 %
            long contract;
            long technical;
            if (basis == Basis.CONTRACT) {
                contract = base[i];
                technical = Math.max(1, contract / 100 * percent + contract % 100 * percent / 100);
            } else {
                technical = base[i];
                contract = technical + technical / 100 * (100 - percent);
            }
            LocalDate registered = first.plusDays(random.nextInt(days));
            LocalDate signed = registered.minusDays(random.nextInt(60));
            String type = pick(TYPES, TYPE_WEIGHTS, random);
            String district = pick(DISTRICTS, DISTRICT_WEIGHTS, random);
            String seller = Usccs.of("91350203", "GY", i);
            String buyer = Usccs.of("91350206", "KB", i);
            String subject = SUBJECTS[random.nextInt(SUBJECTS.length)];
            int party = random.nextInt(100);
            String country = FOREIGN[random.nextInt(FOREIGN.length)];
            String title = type.charAt(0) + type.substring(1).toLowerCase() + " contract: " + subject + " #" + (i + 1);
            String number = String.format("%04d3502%08d", year, i + 1);
            if (party < 3) { // technology import: foreign seller, the domestic buyer applies
                rows.add(new Row(title, type, null, "Foreign licensor " + country + "-" + i, country, buyer, null, "CN",
                        district, signed, contract, technical, number, registered));
            } else if (party < 8) { // export: foreign buyer
                rows.add(new Row(title, type, seller, null, "CN", null, "Foreign client " + country + "-" + i, country,
                        district, signed, contract, technical, number, registered));
            } else {
                rows.add(new Row(title, type, seller, null, "CN", buyer, null, "CN", district, signed, contract, technical,
                        number, registered));
            }
        }
        return rows;
    }

    /** Splits {@code total} in proportion to the weights, in whole fen, adding up exactly. */
    static long[] split(long total, long[] weights, long weightSum, int count) {
        long[] parts = new long[count];
        long floor = 100; // at least 1 CNY each
        long rest = total - floor * count;
        long assigned = 0;
        for (int i = 0; i < count; i++) {
            parts[i] = floor + (long) ((double) rest * weights[i] / weightSum);
            assigned += parts[i];
        }
        long remainder = total - assigned; // rounding left-overs, spread one fen at a time
        for (int i = 0; remainder != 0; i = (i + 1) % count) {
            long step = remainder > 0 ? 1 : -1;
            if (parts[i] + step >= floor) {
                parts[i] += step;
                remainder -= step;
            }
        }
        return parts;
    }

    public static String csvHeader() {
        return "title,type,sellerUscc,sellerName,sellerCountry,buyerUscc,buyerName,buyerCountry,sellerDistrict,"
                + "signingDate,contractAmountFen,technicalTransactionAmountFen,registrationNumber,registeredOn";
    }

    public static String csvLine(Row r) {
        return String.join(",", quote(r.title()), r.type(), n(r.sellerUscc()), quote(r.sellerName()), r.sellerCountry(),
                n(r.buyerUscc()), quote(r.buyerName()), r.buyerCountry(), r.sellerDistrict(), r.signingDate().toString(),
                Long.toString(r.contractAmountFen()), Long.toString(r.technicalTransactionAmountFen()),
                r.registrationNumber(), r.registeredOn().toString());
    }

    public static String jsonLine(Row r) {
        StringBuilder b = new StringBuilder("{");
        field(b, "title", r.title());
        field(b, "type", r.type());
        field(b, "sellerUscc", r.sellerUscc());
        field(b, "sellerName", r.sellerName());
        field(b, "sellerCountry", r.sellerCountry());
        field(b, "buyerUscc", r.buyerUscc());
        field(b, "buyerName", r.buyerName());
        field(b, "buyerCountry", r.buyerCountry());
        field(b, "sellerDistrict", r.sellerDistrict());
        field(b, "signingDate", r.signingDate().toString());
        b.append("\"contractAmountFen\":").append(r.contractAmountFen()).append(',');
        b.append("\"technicalTransactionAmountFen\":").append(r.technicalTransactionAmountFen()).append(',');
        field(b, "registrationNumber", r.registrationNumber());
        b.append("\"registeredOn\":\"").append(r.registeredOn()).append("\"}");
        return b.toString();
    }

    /** CSV text (header + rows) of {@code rows[from, to)}, the shape {@code POST /contracts/bulk} takes. */
    public static String csv(List<Row> rows, int from, int to) {
        StringBuilder b = new StringBuilder(csvHeader()).append('\n');
        for (int i = from; i < to; i++) {
            b.append(csvLine(rows.get(i))).append('\n');
        }
        return b.toString();
    }

    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : COUNT_2023;
        long totalFen = args.length > 1 ? Long.parseLong(args[1]) * 100 : TOTAL_2023_FEN;
        int year = args.length > 2 ? Integer.parseInt(args[2]) : 2023;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 2023L;
        boolean json = args.length > 4 && args[4].equals("jsonl");
        Path out = Path.of(args.length > 5 ? args[5] : "contracts-" + year + (json ? ".jsonl" : ".csv"));
        Basis basis = args.length > 6 && args[6].equals("technical") ? Basis.TECHNICAL : Basis.CONTRACT;
        List<Row> rows = generate(count, totalFen, year, seed, basis);
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            if (!json) {
                w.write(csvHeader());
                w.write('\n');
            }
            for (Row r : rows) {
                w.write(json ? jsonLine(r) : csvLine(r));
                w.write('\n');
            }
        }
        long contract = rows.stream().mapToLong(Row::contractAmountFen).sum();
        long technical = rows.stream().mapToLong(Row::technicalTransactionAmountFen).sum();
        System.out.printf("%s: %,d contracts, contract amount %,d fen, technical transaction amount %,d fen%n", out,
                rows.size(), contract, technical);
    }

    private static String pick(String[] values, int[] weights, Random random) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private static String quote(String text) {
        return text == null ? "" : "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static String n(String text) {
        return text == null ? "" : text;
    }

    private static void field(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append('"').append(name).append("\":\"").append(value.replace("\\", "\\\\").replace("\"", "\\\""))
                    .append("\",");
        }
    }
}
