/**
 * Power-law tails of large samples: the tail index alpha of {@code P(|X| > s) ~ C s^-alpha}, with a threshold
 * chosen from the data and an honest interval, for samples of SGD's stationary law (10^6 to 10^8 of them;
 * seed 002 App. A.3: Kesten-Goldie tails, alpha = 2 at the mean-square threshold).
 *
 * <p>Entry point: {@link org.sgdmc.stats.tails.TailFitter#fit}. The method is that of Clauset, Shalizi and
 * Newman (2009, SIAM Review 51, "Power-law distributions in empirical data"): the Hill estimator (the
 * maximum-likelihood estimate above a threshold) at every candidate number k of tail points, the threshold
 * minimising the Kolmogorov-Smirnov distance between the tail and its fitted Pareto law, and a bootstrap that
 * repeats the threshold search in every replicate. Beside it: the moment estimator of Dekkers, Einmahl and
 * de Haan as a second opinion, the log-binned survival function for plots, and the block estimator of the
 * SGD-noise literature for comparison. Hill and moment estimates assume a pure power law above the threshold.
 *
 * <p>What is reported: the KS threshold still sits in the pre-asymptotic bend of a Kesten tail at large alpha,
 * and its bootstrap cannot see that bias, so the estimate and interval reported ({@link
 * org.sgdmc.stats.tails.TailInterval}) are those at a threshold calibrated on the Kesten laws ({@link
 * org.sgdmc.stats.tails.CalibratedThreshold}), with an error over trajectories, or no interval where the sample
 * is too small for an honest one at its alpha.
 *
 * <p>Design notes.
 *
 * <ol>
 *   <li>Sort once, O(n) ({@link org.sgdmc.stats.tails.RadixSort}); everything after reads the top
 *       {@code kMax + 1} magnitudes (the region) and their logarithms. Hill and moment estimates at every k
 *       cost O(1) from prefix sums.
 *   <li>Exact, yet sublinear KS distances: the fitted and the empirical survival functions are both
 *       monotone, so a stretch of points is bounded by its two ends and skipped when the bound cannot beat
 *       the largest deviation seen; about sqrt(k) exponentials per k instead of k, with the same bits as the
 *       plain loop ({@link org.sgdmc.stats.tails.KsDistance}).
 *   <li>A bootstrap replicate is never built: it is the original sorted region with integer weights (the
 *       counts of the clusters drawn), so the threshold search runs on a weighted tail; only the clusters
 *       met in the region are drawn, exactly, by binomial splitting ({@link
 *       org.sgdmc.stats.tails.MultinomialCounts}). The resampling unit is the trajectory (cluster bootstrap),
 *       because records of one trajectory at different times are correlated.
 *   <li>Reproducible to the bit: replicate b draws from Philox at (seed, b) only, so the result does not
 *       depend on the number of threads; weighted and unweighted passes add in one fixed order, so a
 *       replicate of all-ones weights is the data's own fit bit for bit.
 *   <li>Trade-offs: the replicates search k in [k^/8, 8 k^] around the data's choice (span option; 0 for the
 *       whole grid), and a replicate choosing an end of that range is counted; exact multinomial counts cost
 *       about 2 ns per resampled point, which for a pure power law (k^ near n/2) is most of the fit's time.
 *       Infinite samples (diverged trajectories) are counted and left out, NaN is refused.
 * </ol>
 */
package org.sgdmc.stats.tails;
