package org.sgdmc.stats.tails;

import java.util.List;

/**
 * A power-law tail fit {@code P(|X| > s) ~ C s^-alpha}, with everything needed to judge and plot it.
 *
 * @param n samples given
 * @param finite finite samples (the sample size of every probability)
 * @param diverged samples that were +-infinity, left out (the caller decides what they mean)
 * @param side the tail fitted
 * @param alpha the Hill estimate at the KS-chosen threshold
 * @param alphaStderr its asymptotic standard error {@code alpha / sqrt(k)} (threshold taken as known)
 * @param k tail points above the threshold
 * @param xmin the threshold
 * @param ksDistance KS distance between the tail and the fitted Pareto law
 * @param ciLow lower end of the bootstrap percentile interval (threshold uncertainty included); NaN without
 *     bootstrap
 * @param ciHigh upper end
 * @param ciLevel the interval's level
 * @param replicates bootstrap replicates run
 * @param momentGamma the moment estimator's gamma at the same k (1/alpha for a power law; any sign)
 * @param momentAlpha {@code 1 / momentGamma} if positive, else NaN
 * @param momentAlphaStderr its asymptotic standard error (NaN if gamma is not positive)
 * @param scan the threshold search: per candidate k the threshold, Hill alpha, KS distance and moment gamma
 *     (the Hill plot and the KS curve)
 * @param bootstrap the replicates and their interval; null when no replicates were asked for
 * @param ccdf the log-binned empirical survival function
 * @param interval the interval meant to cover, at the threshold calibrated on Kesten laws ({@link
 *     CalibratedThreshold}), or why none is given: what the CLI, the files and the sweeps report. The fields
 *     above describe the KS fit, which is biased low at large alpha on those laws
 * @param trustworthy whether no warning below concerns the fit itself
 * @param warnings what the caller should know, one sentence each (empty for a clean fit)
 */
public record TailFit(
    int n,
    int finite,
    int diverged,
    TailSide side,
    double alpha,
    double alphaStderr,
    int k,
    double xmin,
    double ksDistance,
    double ciLow,
    double ciHigh,
    double ciLevel,
    int replicates,
    double momentGamma,
    double momentAlpha,
    double momentAlphaStderr,
    ThresholdScan scan,
    BootstrapResult bootstrap,
    Ccdf ccdf,
    TailInterval interval,
    boolean trustworthy,
    List<String> warnings) {}
