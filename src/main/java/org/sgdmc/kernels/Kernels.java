package org.sgdmc.kernels;

import org.sgdmc.models.DoubleWell;
import org.sgdmc.models.TwoBasin;
import org.sgdmc.models.GrokDiag;
import org.sgdmc.models.GrokLinreg;
import org.sgdmc.models.GrokMc;
import org.sgdmc.models.GrokRelu;
import org.sgdmc.models.GrokReluDatasets;
import org.sgdmc.models.LinearD;
import org.sgdmc.models.LinearDTails;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.models.Precision;
import org.sgdmc.models.Linreg1dTails;
import org.sgdmc.models.Logistic1d;
import org.sgdmc.models.Saddle;
import org.sgdmc.models.TwoLayerNet;
import org.sgdmc.models.TwoTimescale;

/**
 * Every model's pair of kernels, the one place that names the block classes. The vector constructors are
 * lambdas, not method references: a method reference's constant is resolved, and so its class loaded, when the
 * pair is built, which fails without the incubator module; a lambda's {@code new} is resolved only when run.
 */
public final class Kernels {
  public static final Twins<Linreg1d, TrajectoryBlock> LINREG1D = new Twins<>(
      (m, seed, width) -> new Linreg1dVectorBlock(m, seed, width), Linreg1dScalarBlock::new);
  /** {@link #LINREG1D} with single-precision draws (Gaussian data only). */
  public static final Twins<Linreg1d, TrajectoryBlock> LINREG1D_SINGLE = new Twins<>(
      (m, seed, width) -> new Linreg1dVectorBlock(m, seed, width, Precision.SINGLE),
      (m, seed, width) -> new Linreg1dScalarBlock(m, seed, width, Precision.SINGLE));
  public static final Twins<Saddle, TrajectoryBlock> SADDLE = new Twins<>(
      (m, seed, width) -> new SaddleVectorBlock(m, seed, width), SaddleScalarBlock::new);
  public static final Twins<LinearD, TrajectoryBlock> LINEAR_D = new Twins<>(
      (m, seed, width) -> new LinearDVectorBlock(m, seed, width), LinearDScalarBlock::new);
  public static final Twins<TwoLayerNet, StateBlock> TWO_LAYER = new Twins<>(
      (m, seed, width) -> new TwoLayerNetVectorBlock(m, seed, width), TwoLayerNetScalarBlock::new);
  public static final Twins<Linreg1dTails, StationaryBlock> LINREG1D_TAILS = new Twins<>(
      (m, seed, width) -> new Linreg1dTailsVectorBlock(m, seed, width), Linreg1dTailsScalarBlock::new);
  public static final Twins<LinearDTails, StationaryBlock> LINEAR_D_TAILS = new Twins<>(
      (m, seed, width) -> new LinearDTailsVectorBlock(m, seed, width), LinearDTailsScalarBlock::new);

  public static final Twins<Logistic1d, StationaryBlock> LOGISTIC1D = new Twins<>(
      (m, seed, width) -> new Logistic1dVectorBlock(m, seed, width), Logistic1dScalarBlock::new);

  public static final Twins<GrokLinreg, StateBlock> GROK_LINREG = new Twins<>(
      (m, seed, width) -> new GrokLinregVectorBlock(m, seed, width), GrokLinregScalarBlock::new);
  /** grok-linreg with a dataset drawn per trajectory ({@code --dataset per-trajectory}). */
  public static final Twins<org.sgdmc.models.GrokLinregDatasets, StateBlock> GROK_LINREG_DATASETS = new Twins<>(
      (m, seed, width) -> new GrokLinregDatasetsVectorBlock(m, seed, width), GrokLinregDatasetsScalarBlock::new);

  public static final Twins<GrokDiag, StateBlock> GROK_DIAG = new Twins<>(
      (m, seed, width) -> new GrokDiagVectorBlock(m, seed, width), GrokDiagScalarBlock::new);
  /** grok-diag with a dataset drawn per trajectory ({@code --dataset per-trajectory}). */
  public static final Twins<org.sgdmc.models.GrokDiagDatasets, StateBlock> GROK_DIAG_DATASETS = new Twins<>(
      (m, seed, width) -> new GrokDiagDatasetsVectorBlock(m, seed, width), GrokDiagDatasetsScalarBlock::new);

  public static final Twins<GrokRelu, StateBlock> GROK_RELU = new Twins<>(
      (m, seed, width) -> new GrokReluVectorBlock(m, seed, width), GrokReluScalarBlock::new);

  /** grok-relu with a dataset per trajectory (issue 12, {@code --dataset per-trajectory}). */
  public static final Twins<GrokReluDatasets, StateBlock> GROK_RELU_DATASETS = new Twins<>(
      (m, seed, width) -> new GrokReluVectorBlock(m, seed, width), GrokReluDatasetsScalarBlock::new);

  public static final Twins<GrokMc, StateBlock> GROK_MC = new Twins<>(
      (m, seed, width) -> new GrokMcVectorBlock(m, seed, width), GrokMcScalarBlock::new);

  /** grok-mc with a dataset per trajectory (issue 12, {@code --dataset per-trajectory}; full-batch GD). */
  public static final Twins<org.sgdmc.models.GrokMcDatasets, StateBlock> GROK_MC_DATASETS = new Twins<>(
      (m, seed, width) -> new GrokMcDatasetsVectorBlock(m, seed, width), GrokMcDatasetsScalarBlock::new);

  public static final Twins<DoubleWell, StateBlock> DOUBLE_WELL = new Twins<>(
      (m, seed, width) -> new DoubleWellVectorBlock(m, seed, width), DoubleWellScalarBlock::new);
  public static final Twins<TwoBasin, StateBlock> TWO_BASIN = new Twins<>(
      (m, seed, width) -> new TwoBasinVectorBlock(m, seed, width), TwoBasinScalarBlock::new);

  public static final Twins<TwoTimescale, StateBlock> TWO_TIMESCALE = new Twins<>(
      (m, seed, width) -> new TwoTimescaleVectorBlock(m, seed, width), TwoTimescaleScalarBlock::new);

  private Kernels() {}
}
