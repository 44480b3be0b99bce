package dev.vigil.analytics.anomaly;

/**
 * Online anomaly score of one series, in [0, 1], causal (a point's score uses only that point and
 * earlier ones), with bounded state (about 16 KiB: five calibrators of {@code maxMemoryBlocks}
 * doubles, the novelty bit set, one period's baseline) and O(1) amortised time per point.
 *
 * <p>Five detectors each measure one kind of surprise:
 * <ul>
 *   <li>level: distance of the point from a slow robust level, in robust sigmas (spikes, dips);</li>
 *   <li>step: the change from the previous point against the usual change;</li>
 *   <li>shift: distance of a short recent mean from the slow level, in standard errors of that
 *       mean (change points too small to be spikes);</li>
 *   <li>seasonal: distance from the value expected at this phase of a period found in the data
 *       ({@link SeasonalBaseline});</li>
 *   <li>novelty: share of never-seen quantised contexts ({@link ContextNovelty}; new shapes,
 *       flat stretches); its ratio counts slightly more (see {@code NOVELTY_WEIGHT}).</li>
 * </ul>
 * Each is calibrated against its own past in this series by an {@link ExceedanceCalibrator}: the
 * surprise is the ratio of the value to the geometric mean of the {@code referenceBlocks} largest
 * block maxima of the same detector over a memory that grows with the series (at least
 * {@code memoryBlocks × blockSize} points, otherwise {@code memoryShare} of all points seen), so a
 * series that is always spiky needs a bigger spike, and an event that recurs daily stops alarming. The strongest ratio, averaged over this point and
 * the previous one, {@code r}, maps to {@code r / (r + 1)}: 0.5 means "as large as the reference".
 *
 * <p>The output is sparse. A score stands only when it beats a decaying maximum of recent scores,
 * so one event raises one alarm at its onset instead of a run of them; and once a score reaches
 * {@code alarmLevel} the detector stays silent for {@code restPoints} points, so an event that
 * keeps growing, or trips one detector after another, still raises a single alarm; only a score
 * far above that alarm's (by {@code restEscape} of the way to 1) breaks the silence.
 *
 * <p>An alarm also opens an episode that lasts {@code episodeShare} of the points seen so far. A
 * score that reaches the alarm level again within the episode, after the silence, but not far
 * above the last alarm's (the same {@code restEscape} test), is a follow-up: it is reported just
 * below {@code alarmLevel}, so it is no new alarm, and it extends the episode and the silence
 * (but not the bar a far larger score must clear, which stays the last alarm's). An incident rarely
 * ends with its first alarm: it keeps tripping detectors for a while after the silence, and a
 * noisy stretch raises false alarms in bursts. How long "a while" is scales with how long the
 * series has been watched, as the calibrators' memory does; a far larger score is a new event.
 *
 * <p>Not thread-safe: one instance per series, fed in time order.
 */
public final class StreamingAnomalyDetector {
    /**
     * The tunables. {@link StreamingAnomalyDetector#DEFAULT} is the one configuration used for every
     * series.
     *
     * @param slowAlpha     weight of a new point in the slow robust level (about 1/points remembered)
     * @param clip          robust sigmas beyond which a point moves the level no further
     * @param shortAlpha    weight of a new point in the short recent mean of the shift detector
     * @param noveltyBins   quantisation bins across the range seen during warm-up
     * @param learn         points that only train the statistics before the detectors are judged
     * @param warmup        points scored 0 while the calibration fills
     * @param memoryBlocks  blocks of detector maxima each calibrator always remembers
     * @param blockSize     points per block
     * @param decay         how fast the sparsifying maximum forgets, in score units per point
     * @param seasonalAlpha weight of a new cycle in the per-phase expected value
     * @param memoryShare   share of all points seen that a calibrator remembers, when that is more
     *                      than {@code memoryBlocks} blocks
     * @param maxMemoryBlocks blocks a calibrator keeps at most (bounds the state)
     * @param referenceBlocks largest block maxima in memory whose geometric mean a detector value
     *                      is judged against
     * @param alarmLevel    the score at which the detector alarms (the operating threshold)
     * @param restPoints    points of silence after an alarm
     * @param restEscape    share of the gap between the last alarm's score and 1 that a score must
     *                      close to break the silence: a false alarm must not hide a far larger
     *                      event right after it
     * @param episodeShare  share of the points seen so far during which an alarm-level score after
     *                      an alarm is a follow-up of the same episode (unless it escapes as above),
     *                      reported below the alarm level
     */
    public record Config(double slowAlpha, double clip, double shortAlpha, int noveltyBins, int learn, int warmup,
                         int memoryBlocks, int blockSize, double decay, double seasonalAlpha, double memoryShare,
                         int maxMemoryBlocks, int referenceBlocks, double alarmLevel, int restPoints,
                         double restEscape, double episodeShare) {
        public Config {
            if (memoryBlocks < 1 || blockSize < 1 || maxMemoryBlocks < memoryBlocks) {
                throw new IllegalArgumentException("need 1 <= memoryBlocks <= maxMemoryBlocks and blockSize >= 1");
            }
            if (referenceBlocks < 1 || referenceBlocks > memoryBlocks) {
                throw new IllegalArgumentException("need 1 <= referenceBlocks <= memoryBlocks");
            }
            if (learn < 1 || warmup < learn) {
                throw new IllegalArgumentException("need 1 <= learn <= warmup");
            }
            if (!(episodeShare >= 0 && episodeShare < 1)) {
                throw new IllegalArgumentException("need 0 <= episodeShare < 1");
            }
        }
    }

    /** Tuned once on the whole NAB corpus; never per series. */
    public static final Config DEFAULT = new Config(0.01, 4, 0.1, 5, 100, 150, 19, 64, 0.005, 0.1, 0.5, 128, 3, 0.51, 30, 0.2, 0.04);

    /** A detector value below this never counts as a surprise (avoids dividing by a silent history). */
    private static final double FEATURE_FLOOR = 0.5;
    private static final double NOVELTY_FLOOR = 0.05;
    /** Weight of a new point in the smoothed novelty share: one novel context alone is not an event. */
    private static final double NOVELTY_SMOOTHING = 0.2;
    /**
     * Novelty's surprise ratio is weighted up by this much against the z-score detectors. A context
     * counts as novel only the first time it is seen, so unlike a z-score, novelty as large as the
     * strongest past novelty can never be the same pattern recurring: it is a new set of shapes.
     * The z-score detectors must beat their reference by about 4% to reach {@code alarmLevel};
     * novelty only needs to match it.
     */
    private static final double NOVELTY_WEIGHT = 1.03;

    private final Config config;
    /** The score of a follow-up: the largest that is not an alarm. */
    private final double belowAlarm;
    /**
     * Seasonal residuals seen before the seasonal verdict counts. The period is found only after
     * many points, when the other detectors are long calibrated; a fresh seasonal calibrator has a
     * short memory and its first ratios would alarm on the pattern itself.
     */
    private final long seasonalArming;
    private final RobustLevel slow;
    private final RobustLevel steps;
    private final RobustLevel seasonalResidual;
    private final SeasonalBaseline seasonal;
    private final ContextNovelty novelty;
    private final ExceedanceCalibrator levelSurprise;
    private final ExceedanceCalibrator stepSurprise;
    private final ExceedanceCalibrator shiftSurprise;
    private final ExceedanceCalibrator seasonalSurprise;
    private final ExceedanceCalibrator noveltySurprise;
    private double shortMean;
    private double noveltyMean;
    private double previous;
    private double recentMax;
    private double previousRatio;
    private long count;
    private long lastAlarm = Long.MIN_VALUE / 2;
    private double lastAlarmScore;

    public StreamingAnomalyDetector() {
        this(DEFAULT);
    }

    public StreamingAnomalyDetector(Config config) {
        this.config = config;
        belowAlarm = Math.max(0, Math.nextDown(config.alarmLevel()));
        seasonalArming = (long) config.memoryBlocks() * config.blockSize();
        slow = new RobustLevel(config.slowAlpha(), config.clip());
        steps = new RobustLevel(config.slowAlpha(), config.clip());
        seasonalResidual = new RobustLevel(config.slowAlpha(), config.clip());
        seasonal = new SeasonalBaseline(4, 1024, 0.3, config.seasonalAlpha());
        novelty = new ContextNovelty(config.noveltyBins(), config.learn());
        levelSurprise = calibrator(FEATURE_FLOOR);
        stepSurprise = calibrator(FEATURE_FLOOR);
        shiftSurprise = calibrator(FEATURE_FLOOR);
        seasonalSurprise = calibrator(FEATURE_FLOOR);
        noveltySurprise = calibrator(NOVELTY_FLOOR);
    }

    private ExceedanceCalibrator calibrator(double floor) {
        return new ExceedanceCalibrator(config.memoryBlocks(), config.maxMemoryBlocks(), config.blockSize(),
                config.memoryShare(), config.referenceBlocks(), floor);
    }

    /** The configuration this detector runs with. */
    public Config config() {
        return config;
    }

    /** Feeds the next point and returns its anomaly score in [0, 1]. NaN and infinite values score 0 and are skipped. */
    public double update(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return 0;
        }
        count++;
        double floor = 1e-9 + 1e-6 * Math.abs(slow.level());
        double level = 0;
        double step = 0;
        double shift = 0;
        double season = 0;
        if (count > 1) {
            double sigma = Math.max(slow.sigma(), floor);
            level = Math.abs(x - slow.level()) / sigma;
            step = Math.abs(x - previous - steps.level()) / Math.max(steps.sigma(), floor);
            double a = config.shortAlpha();
            shortMean += a * (x - shortMean);
            shift = Math.abs(shortMean - slow.level()) / (sigma * Math.sqrt(a / (2 - a)));
            double expected = seasonal.expected();
            if (!Double.isNaN(expected)) {
                double residual = x - expected;
                season = Math.abs(residual) / Math.max(seasonalResidual.sigma(), floor);
                seasonalResidual.update(residual);
            }
            steps.update(x - previous);
        } else {
            shortMean = x;
        }
        double novel = novelty.update(x);
        slow.update(x);
        seasonal.update(x);
        previous = x;
        if (count <= config.learn()) {
            // The scales are still settling: their first z-scores would poison the calibrators' memory.
            level = 0;
            step = 0;
            shift = 0;
            season = 0;
        }
        noveltyMean += NOVELTY_SMOOTHING * (novel - noveltyMean);

        double ratio = levelSurprise.update(Math.log1p(level));
        ratio = Math.max(ratio, stepSurprise.update(Math.log1p(step)));
        ratio = Math.max(ratio, shiftSurprise.update(Math.log1p(shift)));
        double seasonRatio = seasonalSurprise.update(Math.log1p(season));
        if (seasonalResidual.count() >= seasonalArming) {
            ratio = Math.max(ratio, seasonRatio);
        }
        ratio = Math.max(ratio, NOVELTY_WEIGHT * noveltySurprise.update(noveltyMean));
        // Judge the mean of this point's and the previous point's surprise: a departure that holds
        // for two points needs half the surprise of a one-point blip, which noise mostly produces.
        double held = 0.5 * (ratio + previousRatio);
        previousRatio = ratio;
        double score = count <= config.warmup() ? 0 : held / (held + 1);
        double out = score > recentMax ? score : 0;
        recentMax = Math.max(recentMax - config.decay(), score);
        long since = count - lastAlarm;
        boolean escapes = out >= lastAlarmScore + config.restEscape() * (1 - lastAlarmScore);
        if (since <= config.restPoints() && !escapes) {
            return 0;
        }
        if (out >= config.alarmLevel()) {
            boolean followUp = !escapes && since <= config.episodeShare() * count;
            lastAlarm = count;
            if (followUp) {
                // The episode and the silence go on, but the bar for a new alarm stays where the
                // last real alarm set it: a follow-up must not hide a far larger event after it.
                return belowAlarm;
            }
            lastAlarmScore = out;
        }
        return out;
    }
}
