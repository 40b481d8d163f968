/** The highest resident set size and heap use seen at the samples taken (a run's memory footprint). */
export class MemoryPeak {
  rssBytes = process.memoryUsage.rss();
  heapBytes = process.memoryUsage().heapUsed;

  /** Reads the process's memory now and keeps the maxima. */
  sample(): void {
    const m = process.memoryUsage();
    if (m.rss > this.rssBytes) this.rssBytes = m.rss;
    if (m.heapUsed > this.heapBytes) this.heapBytes = m.heapUsed;
  }
}
