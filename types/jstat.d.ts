// The few jStat distributions mutation-bench uses (jstat ships no types; it is CommonJS: default import only).
declare module 'jstat' {
  interface Distribution {
    inv(p: number, ...parameters: number[]): number;
    cdf(x: number, ...parameters: number[]): number;
  }
  const jstat: {
    jStat: {
      studentt: Distribution;
      beta: Distribution;
      normal: Distribution;
      centralF: Distribution;
      chisquare: Distribution;
    };
  };
  export default jstat;
}
