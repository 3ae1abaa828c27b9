/**
 * Progress of a long command on standard error: a bar on a terminal, one
 * line per step when standard error goes to a file or a pipe (CI logs).
 */
export async function commandLineProgress(label: string): Promise<{ step: (done: number, total: number, detail: string) => void; finish: () => void }> {
  if (!process.stderr.isTTY) {
    return { step: (done, total, detail) => process.stderr.write(`${label} ${done}/${total} ${detail}\n`), finish: () => {} };
  }
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {value}/{total} {detail}`, stream: process.stderr }, cliProgress.Presets.shades_classic);
  bar.start(1, 0, { detail: '' });
  return {
    step: (done, total, detail) => {
      bar.setTotal(total);
      bar.update(done, { detail });
    },
    finish: () => bar.stop(),
  };
}
