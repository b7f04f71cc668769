// Benchmark helper process: N simulated GB devices (UDP) that register and keep alive every K seconds
// (first keepalive at a random moment of the first interval, as a fleet's would be), plus one lower
// platform (TCP) with a catalogue of C channels sent in pages of 4. Prints "ready <ms to register all>"
// once everyone is registered; runs until killed. Usage: gbDevices.ts <sipPort> <N> <K> <C>
import { prisonCatalog } from "../../e2e/support/gb-sim/catalog";
import { SimDevice } from "../../e2e/support/gb-sim/device";

const [port, count, keepaliveS, channels] = process.argv.slice(2).map(Number) as [number, number, number, number];
const server = { host: "127.0.0.1", port, id: "34020000002000000001", domain: "3402000000" };
const media = { codec: "h264" as const, frames: [] };
const devices: SimDevice[] = [];
const started = performance.now();
for (let i = 0; i < count; i += 50) {
  const batch = Array.from({ length: Math.min(50, count - i) }, (_, k) => {
    const d = new SimDevice({
      server,
      deviceId: `3402000000132${String(i + k + 1).padStart(7, "0")}`,
      password: "bench-pass",
      transport: "udp",
      channels: [],
      media,
      keepaliveS,
    });
    devices.push(d);
    return d.start().then(() => d.register());
  });
  await Promise.all(batch);
}
// 10 000 channels: blocks × sub-blocks × cameras of the prison catalogue generator.
const perSub = Math.max(1, Math.ceil(channels / (10 * 10)));
const catalog = prisonCatalog(server.domain, 10, 10, perSub).slice(0, channels);
const platform = new SimDevice({
  server,
  deviceId: "34020000002000000099",
  password: "bench-pass",
  transport: "tcp",
  channels: catalog,
  media,
  pageSize: 4,
});
await platform.start();
await platform.register();
console.log(`ready ${Math.round(performance.now() - started)}`);
for (const d of devices) setTimeout(() => d.startKeepalive(), Math.random() * keepaliveS * 1000);
