/** Samples this process's resident set size on a timer and remembers the peak since the last reset. */
export interface RssSampler {
  /** Bytes: the highest sample since start or the last reset, including a sample taken now. */
  peak(): number;
  current(): number;
  reset(): void;
  stop(): void;
}

export function startRssSampler(intervalMs = 50): RssSampler {
  let peak = process.memoryUsage.rss();
  const sample = () => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
    return rss;
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    peak: () => {
      sample();
      return peak;
    },
    current: sample,
    reset: () => {
      peak = process.memoryUsage.rss();
    },
    stop: () => clearInterval(timer),
  };
}
