import cliProgress from 'cli-progress';

/** Phase progress: a bar with ETA on a terminal, plain lines otherwise (CI logs). Written to stderr. */
export interface Progress {
  start(phase: string, total: number): void;
  update(value: number, detail: string): void;
  stop(detail: string): void;
  log(line: string): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  let phase = '';
  let startedAt = 0;
  const elapsed = () => `${((performance.now() - startedAt) / 1000).toFixed(1)} s`;

  if (!stream.isTTY) {
    return {
      start(name, total) {
        phase = name;
        startedAt = performance.now();
        stream.write(`[${phase}] started (${total} steps at most)\n`);
      },
      update: (value, detail) => stream.write(`[${phase}] ${value} | ${elapsed()} | ${detail}\n`),
      stop: (detail) => stream.write(`[${phase}] done in ${elapsed()} | ${detail}\n`),
      log: (line) => stream.write(`${line}\n`),
    };
  }

  let bar: cliProgress.SingleBar | undefined;
  return {
    start(name, total) {
      phase = name;
      startedAt = performance.now();
      bar = new cliProgress.SingleBar(
        {
          stream,
          format: `{phase} [{bar}] {value}/{total} | ETA {eta_formatted} | {detail}`,
          hideCursor: true,
          etaBuffer: 4,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0, { phase, detail: '' });
    },
    update: (value, detail) => bar?.update(value, { detail }),
    stop(detail) {
      bar?.update(bar.getTotal(), { detail });
      bar?.stop();
      bar = undefined;
      stream.write(`${phase} done in ${elapsed()} | ${detail}\n`);
    },
    log(line) {
      if (bar) bar.update({ detail: line });
      else stream.write(`${line}\n`);
    },
  };
}
