// Child process for the kill -9 test: appends events forever and prints each acknowledged seq.
// Run: tsx appender.ts <dir>
import { openJournal } from "../../src/eventlog/journal";

const dir = process.argv[2];
if (!dir) throw new Error("usage: appender.ts <dir>");
const log = await openJournal({ dir });
let i = 0;
for (;;) {
  const batch = Array.from({ length: 1 + (i % 3) }, (_, k) => ({ type: "kill.test", actor: null, data: { i, k } }));
  const stored = await log.append(batch);
  process.stdout.write(`${stored.map((e) => e.seq).join(" ")}\n`);
  i++;
}
