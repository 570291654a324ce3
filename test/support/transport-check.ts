/** Run under --conditions=react-server: decodes each transport's round trip and prints what came out (test/e2e/micro.test.ts). */
import { actionRoundTrip, routeRoundTrip } from '../../runner/measure/micro/transports';

const settle = async (work: () => Promise<unknown>) => {
  try {
    const value = await work();
    return { value };
  } catch (error) {
    return { error: (error as Error).message };
  }
};
const form = new FormData();
form.append('scope', 'abc');
form.append('text', 'x'.repeat(1024 * 1024));
process.stdout.write(
  JSON.stringify({
    args: await settle(() => actionRoundTrip(['abc', 'hello'])),
    formData: await settle(async () => {
      const [decoded] = (await actionRoundTrip([form])) as [FormData];
      return { scope: decoded.get('scope'), textLength: (decoded.get('text') as string).length };
    }),
    oneArgumentOneMegabyte: await settle(
      async () => ((await actionRoundTrip(['x'.repeat(1024 * 1024)])) as string[])[0]!.length,
    ),
    twoArgumentsOneMegabyte: await settle(
      async () => ((await actionRoundTrip(['abc', 'x'.repeat(1024 * 1024)])) as string[])[1]!.length,
    ),
    route: await settle(() => routeRoundTrip({ scope: 'abc', text: 'hello' })),
  }),
);
