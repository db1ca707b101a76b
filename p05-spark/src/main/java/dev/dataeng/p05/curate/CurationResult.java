package dev.dataeng.p05.curate;

/** Rows each curated table holds after a run (all dates, not only the ones the run rewrote). */
public record CurationResult(long gmvRows, long rankingRows, long percentileRows) {
}
