// Child process for the kill -9 test: records real packager segments into a store at full disk speed,
// one minute per file, until it is killed. Prints "ready" once it has started writing.
import { RecordingStore } from "../../src/store/store";
import { segments } from "./media";

const root = process.argv[2];
if (!root) throw new Error("usage: recordForever <root>");
const store = await RecordingStore.open({ root, fileMs: 60_000, maxQueue: 100_000 });
const T0 = Date.UTC(2025, 2, 1, 8, 0, 0);
const { events } = segments({ wallStart: T0, seconds: 600 });
process.stdout.write("ready\n");
for (const e of events) {
  store.append("cam1", e);
  await store.flush();
}
process.stdout.write("done\n");
