/**
 * What a run produces, as plain records: the ensemble's settings ({@link org.sgdmc.results.EnsembleOptions}), the
 * reduced outcome of each model's run and scan, and the theory computed beside it. The experiments fill them; the
 * CLI prints them and {@code io} writes them, so neither depends on how a run is carried out.
 */
package org.sgdmc.results;
