// `npm run sandbox`: the TeamViewer API sandbox and the demo help desk alone, on their usual ports
// (SANDBOX_PORT, DESK_PORT), until Ctrl+C. For trying the extension by hand or pointing a loaded
// test build at them.
import { startDesk } from './desk';
import { DEMO_DEVICES, DEMO_TOKEN, startSandbox } from './sandbox';

const sandbox = await startSandbox({ port: Number(process.env.SANDBOX_PORT ?? 4010), devices: DEMO_DEVICES });
const desk = await startDesk({ port: Number(process.env.DESK_PORT ?? 4020) });
console.log(`TeamViewer sandbox: ${sandbox.apiBase}  (token: ${DEMO_TOKEN}; control: ${sandbox.url}/__control/state)`);
console.log(`Demo help desk:     ${desk.url}/app/en/tickets/1042  ·  ${desk.url}/BOSSSupportCentral/ServiceRecord.aspx?id=1043&lang=es`);
console.log('Ctrl+C to stop.');
const stop = () => void Promise.all([sandbox.close(), desk.close()]).then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
