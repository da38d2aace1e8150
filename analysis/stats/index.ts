/**
 * rondo's verified statistical numerics (METHODS §7.3). Pure functions, no
 * I/O; every test and interval returns a `StatResult`. Values are checked
 * against R 4.2.2 in the *.test.ts files beside each function, using the
 * frozen fixtures in fixtures/reference/.
 */

// Result shape and conventions
export { NOTE_CODES, DEFAULT_ALPHA, DEFAULT_CONF_LEVEL } from './result.js';
export type { NoteCode, StatResult } from './result.js';
export type { MaybeNumber } from './input.js';
export type { CountTable, PairedBinaryCounts } from './tables.js';

// Special functions and distributions
export { pnorm } from './pnorm.js';
export { qnorm } from './qnorm.js';
export { lgamma } from './lgamma.js';
export { lchoose } from './lchoose.js';
export { regularizedGammaP } from './regularizedGammaP.js';
export { regularizedGammaQ } from './regularizedGammaQ.js';
export { regularizedBeta } from './regularizedBeta.js';
export { qbeta } from './qbeta.js';
export { pt } from './pt.js';
export { qt } from './qt.js';
export { pchisq } from './pchisq.js';
export { pf } from './pf.js';
export { dbinom } from './dbinom.js';
export { pbinom } from './pbinom.js';

// Descriptives
export { midranks } from './midranks.js';
export { quantile7 } from './quantile7.js';
export { median } from './median.js';
export { iqr } from './iqr.js';
export { medianCI } from './medianCI.js';
export type { MedianCIResult } from './medianCI.js';
export { tInterval } from './tInterval.js';
export type { TIntervalOptions, TIntervalResult } from './tInterval.js';

// Proportions
export { wilson, Z_975 } from './wilson.js';
export type { WilsonOptions, WilsonResult } from './wilson.js';
export { clopperPearson } from './clopperPearson.js';
export type { ClopperPearsonOptions, ClopperPearsonResult } from './clopperPearson.js';
export { newcombeIndependent } from './newcombeIndependent.js';
export type { NewcombeOptions, NewcombeIndependentResult } from './newcombeIndependent.js';
export { newcombePaired } from './newcombePaired.js';
export type { NewcombePairedResult } from './newcombePaired.js';

// Tests on counts
export { binomTest } from './binomTest.js';
export type { BinomTestOptions, BinomTestResult } from './binomTest.js';
export { mcnemarExact } from './mcnemarExact.js';
export type { McNemarOptions, McNemarResult } from './mcnemarExact.js';
export { mcnemarMidP } from './mcnemarMidP.js';
export { mcnemarAsymptotic } from './mcnemarAsymptotic.js';
export type { McNemarAsymptoticOptions, McNemarAsymptoticResult } from './mcnemarAsymptotic.js';
export { signTest } from './signTest.js';
export type { SignTestOptions, SignTestResult } from './signTest.js';
export { fisherExact2x2 } from './fisherExact2x2.js';
export type { FisherOptions, FisherResult } from './fisherExact2x2.js';
export { fisherExact2xK } from './fisherExact2xK.js';
export type { FisherExact2xKOptions, FisherExact2xKResult } from './fisherExact2xK.js';
export { chiSquare2x2 } from './chiSquare2x2.js';
export type { ChiSquare2x2Options } from './chiSquare2x2.js';
export { chiSquareRxC } from './chiSquareRxC.js';
export type { ChiSquareResult } from './chiSquareRxC.js';
export { cochranQ } from './cochranQ.js';
export type { CochranQOptions, CochranQResult } from './cochranQ.js';
export { bowkerExact } from './bowkerExact.js';
export type { BowkerOptions, BowkerResult } from './bowkerExact.js';

// Rank tests
export { mannWhitney } from './mannWhitney.js';
export type { MannWhitneyOptions, MannWhitneyResult } from './mannWhitney.js';
export { wilcoxonSignedRank, ZERO_METHODS } from './wilcoxonSignedRank.js';
export type { WilcoxonSignedRankOptions, WilcoxonSignedRankResult, ZeroMethod } from './wilcoxonSignedRank.js';
export { friedman } from './friedman.js';
export type { FriedmanOptions, FriedmanResult } from './friedman.js';

// Means
export { welchT } from './welchT.js';
export { studentT } from './studentT.js';
export type { TTestOptions, TTestResult } from './twoSampleT.js';
export { pairedT } from './pairedT.js';
export type { PairedTResult } from './pairedT.js';

// Effect sizes, attrition, multiplicity
export { cohenD } from './cohenD.js';
export { hedgesG } from './hedgesG.js';
export { cohenDz } from './cohenDz.js';
export { cliffsDelta } from './cliffsDelta.js';
export type { CliffsDeltaResult } from './cliffsDelta.js';
export { smd } from './smd.js';
export { smdProportions } from './smdProportions.js';
export { manskiBounds } from './manskiBounds.js';
export type { ManskiBoundsResult } from './manskiBounds.js';
export { pAdjust, P_ADJUST_METHODS } from './pAdjust.js';
export type { PAdjustMethod } from './pAdjust.js';
export { minAchievableP, MIN_P_TESTS } from './minAchievableP.js';
export type { MinPDesign, MinPTest } from './minAchievableP.js';
